import Ajv2019, { type ValidateFunction } from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { componentsAsJsonSchema, type SchemaObject, toJsonSchema } from './openapi-json-schema';

/** The parts of an OpenAPI 3.0 document the validator reads. */
export interface OpenApiDocumentLike {
  paths: Record<string, Record<string, { responses?: Record<string, { description?: string; content?: Record<string, { schema?: SchemaObject }> }> }>>;
  components?: { schemas?: Record<string, SchemaObject> };
}

/** What the validator needs to know of one answer (a supertest/superagent response has all of it). */
export interface ObservedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The raw body as received; '' or undefined when there is none. */
  text?: string;
  /** The parsed JSON body. */
  body?: unknown;
}

/** Only these paths are API operations; the SPA, its assets and the docs themselves are not in the document. */
const API_PREFIX = '/api/v1/';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

interface DeclaredResponse {
  /** Media type → ajv validator (null: declared without a schema, checked by content type only). */
  content: Map<string, ValidateFunction | null>;
}

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  /** Literal segments count: a literal path wins over a template that also matches. */
  literalSegments: number;
  responses: Map<string, DeclaredResponse>;
}

function templatePattern(template: string): RegExp {
  const escaped = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${escaped}$`);
}

function mediaType(headers: ObservedResponse['headers']): string | undefined {
  const header = headers['content-type'];
  const value = Array.isArray(header) ? header[0] : header;
  return value?.split(';')[0]?.trim().toLowerCase() || undefined;
}

function mediaTypeMatches(declared: string, actual: string): boolean {
  if (declared === '*/*' || declared === actual) return true;
  return declared.endsWith('/*') && actual.startsWith(declared.slice(0, -1));
}

function isJson(type: string): boolean {
  return type === 'application/json' || type.endsWith('+json');
}

/**
 * Checks answers against an OpenAPI 3.0 document: the status must be declared for the operation, the body's
 * content type declared for that status, a JSON body valid against its schema (unknown fields refused), and an
 * empty body declared without content. A path under /api/v1 that is in no path template may only answer 404
 * with the error body (the router's "no such route"): any other answer is a route missing from the document.
 */
export class ResponseValidator {
  private readonly operations: Operation[] = [];
  private readonly notFound: ValidateFunction | null;

  constructor(document: OpenApiDocumentLike) {
    const ajv = new Ajv2019({ allErrors: true, strict: true, strictTypes: false, strictTuples: false });
    addFormats(ajv);
    // OpenAPI's numeric and string formats that ajv-formats leaves out: the type already says what matters.
    for (const format of ['int32', 'int64', 'float', 'double']) ajv.addFormat(format, { type: 'number', validate: () => true });
    for (const format of ['password', 'binary', 'byte']) ajv.addFormat(format, { type: 'string', validate: () => true });
    ajv.addSchema(componentsAsJsonSchema(document.components?.schemas));
    const compile = (schema: SchemaObject, where: string): ValidateFunction => {
      try {
        return ajv.compile(toJsonSchema(schema));
      } catch (error) {
        throw new Error(`response validator: cannot compile the schema of ${where}: ${(error as Error).message}`);
      }
    };

    for (const [template, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (!METHODS.includes(method)) continue;
        const responses = new Map<string, DeclaredResponse>();
        for (const [status, declared] of Object.entries(operation.responses ?? {})) {
          const content = new Map<string, ValidateFunction | null>();
          for (const [type, media] of Object.entries(declared.content ?? {})) {
            content.set(type.toLowerCase(), media.schema && isJson(type) ? compile(media.schema, `${method.toUpperCase()} ${template} ${status} ${type}`) : null);
          }
          responses.set(status, { content });
        }
        const segments = template.split('/').filter(Boolean);
        this.operations.push({
          method,
          template,
          pattern: templatePattern(template),
          literalSegments: segments.filter((segment) => !segment.startsWith('{')).length,
          responses,
        });
      }
    }
    const errorSchema = document.components?.schemas?.ApiErrorBody;
    this.notFound = errorSchema ? compile({ $ref: '#/components/schemas/ApiErrorBody' }, 'ApiErrorBody') : null;
  }

  /** The violations of one answer, empty when it keeps the contract; `url` may carry a query string. */
  check(method: string, url: string, response: ObservedResponse): string[] {
    const path = decodeURI(new URL(url, 'http://validator.invalid').pathname);
    if (!path.startsWith(API_PREFIX)) return [];
    const verb = method.toLowerCase();
    const where = `${verb.toUpperCase()} ${path} → ${response.status}`;
    const candidates = this.operations.filter((operation) => operation.pattern.test(path));
    // HEAD is the GET of the same path without its body (Express answers it from the GET route).
    const methods = verb === 'head' ? ['head', 'get'] : [verb];
    const operation = candidates
      .filter((candidate) => methods.includes(candidate.method))
      .sort((a, b) => methods.indexOf(a.method) - methods.indexOf(b.method) || b.literalSegments - a.literalSegments)[0];
    if (!operation) return this.checkUnrouted(where, candidates.length > 0, response);

    const declaredAs = `${operation.method.toUpperCase()} ${operation.template}`;
    const declared =
      operation.responses.get(String(response.status)) ?? operation.responses.get(`${String(response.status)[0]}XX`) ?? operation.responses.get('default');
    if (!declared) {
      return [`${where}: status ${response.status} is not declared for ${declaredAs} (declared: ${[...operation.responses.keys()].join(', ') || 'none'}); body: ${preview(response)}`];
    }
    return this.checkBody(where, declaredAs, declared, response, verb === 'head');
  }

  private checkUnrouted(where: string, pathKnown: boolean, response: ObservedResponse): string[] {
    const missing = `${where}: the route is missing from the OpenAPI document${pathKnown ? ' (the path is there, not this method)' : ''}`;
    if (response.status !== 404) return [`${missing}; body: ${preview(response)}`];
    if (this.notFound && !this.notFound(response.body)) return [`${missing}, and its 404 body is not ApiErrorBody: ${errorsText(this.notFound)}`];
    return [];
  }

  private checkBody(where: string, declaredAs: string, declared: DeclaredResponse, response: ObservedResponse, isHead: boolean): string[] {
    const hasBody = !isHead && (response.text ?? '').length > 0;
    const declaredTypes = [...declared.content.keys()];
    if (!hasBody) {
      if (isHead || declaredTypes.length === 0) return [];
      return [`${where}: empty body, but ${declaredAs} declares ${response.status} with content (${declaredTypes.join(', ')})`];
    }
    const type = mediaType(response.headers);
    if (declaredTypes.length === 0) return [`${where}: a ${type ?? 'untyped'} body, but ${declaredAs} declares ${response.status} without content; body: ${preview(response)}`];
    const matched = type ? declaredTypes.find((declaredType) => mediaTypeMatches(declaredType, type)) : undefined;
    if (!matched) return [`${where}: content type ${type ?? '(none)'} is not declared for ${declaredAs} ${response.status} (declared: ${declaredTypes.join(', ')})`];
    const validate = declared.content.get(matched);
    if (!validate || !type || !isJson(type)) return [];
    if (validate(response.body)) return [];
    return [`${where}: the body does not match the schema of ${declaredAs} ${response.status}: ${errorsText(validate)}`];
  }
}

function errorsText(validate: ValidateFunction): string {
  return (validate.errors ?? [])
    .map((error) => {
      const detail = error.keyword === 'unevaluatedProperties' ? ` '${String((error.params as { unevaluatedProperty?: string }).unevaluatedProperty)}'` : '';
      return `body${error.instancePath} ${error.message ?? error.keyword}${detail}`;
    })
    .join('; ');
}

function preview(response: ObservedResponse): string {
  const text = response.text ?? '';
  return text.length > 300 ? `${text.slice(0, 300)}…` : text || '(empty)';
}
