/** An OpenAPI 3.0 schema object (or a JSON Schema made from one): a JSON tree. */
export type SchemaObject = { [keyword: string]: unknown };

/** Where the converted `components.schemas` live in the JSON Schema given to ajv. */
export const DEFS_ID = 'openapi-components';
/** The suffix of a component's open variant, referenced from inside a multi-member `allOf`. */
const OPEN_SUFFIX = '~open';

/** OpenAPI-only annotations that JSON Schema does not know (ajv's strict mode would refuse them). */
const OPENAPI_ONLY = new Set(['nullable', 'example', 'discriminator', 'xml', 'externalDocs']);

const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions'] as const;
const SCHEMA_LISTS = ['anyOf', 'oneOf', 'prefixItems'] as const;
const SCHEMA_VALUES = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames'] as const;

function isSchema(value: unknown): value is SchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isObjectSchema(schema: SchemaObject): boolean {
  return schema.type === 'object' || isSchema(schema.properties);
}

function convertRef(ref: string, closed: boolean): string {
  const match = /^#\/components\/schemas\/(.+)$/.exec(ref);
  if (!match) throw new Error(`response validator: unsupported $ref ${ref} (only #/components/schemas/* is)`);
  return `${DEFS_ID}#/$defs/${match[1]}${closed ? '' : OPEN_SUFFIX}`;
}

/**
 * One OpenAPI 3.0 schema as a JSON Schema (draft 2019-09) that refuses what the document does not declare:
 * an object schema without `additionalProperties` is closed (`unevaluatedProperties: false`) and
 * `nullable: true` becomes "or null". Members of a multi-member `allOf` stay open and the `allOf` itself is
 * closed, so that a property declared by one member is not refused by another.
 */
export function toJsonSchema(schema: SchemaObject, closed = true): SchemaObject {
  const converted: SchemaObject = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (OPENAPI_ONLY.has(keyword) || keyword.startsWith('x-')) continue;
    if (keyword === '$ref') converted.$ref = convertRef(String(value), closed);
    else if (keyword === 'allOf' && Array.isArray(value)) {
      const open = value.length > 1 || !closed;
      converted.allOf = value.map((member: SchemaObject) => toJsonSchema(member, !open));
    } else if ((SCHEMA_MAPS as readonly string[]).includes(keyword) && isSchema(value)) {
      converted[keyword] = Object.fromEntries(Object.entries(value).map(([name, member]) => [name, toJsonSchema(member as SchemaObject)]));
    } else if ((SCHEMA_LISTS as readonly string[]).includes(keyword) && Array.isArray(value)) {
      converted[keyword] = value.map((member: SchemaObject) => toJsonSchema(member, closed));
    } else if ((SCHEMA_VALUES as readonly string[]).includes(keyword) && isSchema(value)) {
      converted[keyword] = toJsonSchema(value);
    } else converted[keyword] = value;
  }
  const closesHere = closed && schema.additionalProperties === undefined && (isObjectSchema(schema) || (Array.isArray(schema.allOf) && schema.allOf.length > 1));
  if (closesHere) converted.unevaluatedProperties = false;
  return schema.nullable === true ? { anyOf: [converted, { type: 'null' }] } : converted;
}

/** `components.schemas` as one JSON Schema with `$id` DEFS_ID: each component closed, plus its open variant. */
export function componentsAsJsonSchema(components: Record<string, SchemaObject> = {}): SchemaObject {
  const defs: Record<string, SchemaObject> = {};
  for (const [name, schema] of Object.entries(components)) {
    defs[name] = toJsonSchema(schema, true);
    defs[`${name}${OPEN_SUFFIX}`] = toJsonSchema(schema, false);
  }
  return { $id: DEFS_ID, $defs: defs };
}
