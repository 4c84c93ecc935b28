import type { OpenAPIObject } from '@nestjs/swagger';

type SchemaNode = Record<string, unknown>;

const isNode = (value: unknown): value is SchemaNode => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Two habits of @nestjs/swagger with shared enums (`enumName`) that Redocly and the generators dislike:
 * - a nullable enum property becomes `{ nullable: true, allOf: [{ $ref: Enum }] }` with no `type`
 *   (`nullable-type-sibling` error; openapi-typescript refuses it), and in OpenAPI 3.0 `nullable` does not reach
 *   into the referenced enum: such a property gets the enum inline (`type`, `enum`) beside its `nullable`;
 * - the enum's component schema takes the `description` of the first property that uses it, which then reads as
 *   the meaning of every use: enum components keep no description (each property says what it means).
 */
export function tidyEnumSchemas(document: OpenAPIObject): OpenAPIObject {
  const schemas = (document.components?.schemas ?? {}) as Record<string, SchemaNode>;
  const enumAt = (ref: unknown): SchemaNode | undefined => {
    if (typeof ref !== 'string' || !ref.startsWith('#/components/schemas/')) return undefined;
    const target = schemas[ref.slice('#/components/schemas/'.length)];
    return target && Array.isArray(target.enum) ? target : undefined;
  };
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (!isNode(node)) return node;
    const copy = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, visit(value)]));
    const [only] = Array.isArray(copy.allOf) ? copy.allOf : [];
    if (copy.nullable === true && copy.type === undefined && Array.isArray(copy.allOf) && copy.allOf.length === 1 && isNode(only)) {
      const target = enumAt(only.$ref);
      if (target) {
        const { allOf: _reference, ...rest } = copy;
        return { type: target.type, enum: target.enum, ...rest };
      }
    }
    return copy;
  };
  const tidied = visit(document) as OpenAPIObject;
  for (const schema of Object.values((tidied.components?.schemas ?? {}) as Record<string, SchemaNode>)) {
    if (Array.isArray(schema.enum)) delete schema.description;
  }
  return tidied;
}
