/**
 * `{ allOf: [X] }` with nothing beside it, as @nestjs/swagger writes every enum reference (`enumName`), becomes `X`.
 * It means the same, reads simpler, and Redocly's `no-illogical-composition-keywords` warns about the wrapper. A lone
 * `allOf` that carries a sibling (`description`, `nullable`) stays: in OpenAPI 3.0 a `$ref` ignores its siblings.
 */
export function unwrapLoneAllOf<T>(node: T): T {
  if (Array.isArray(node)) return node.map((item: unknown) => unwrapLoneAllOf(item)) as T;
  if (node === null || typeof node !== 'object') return node;
  const entries = Object.entries(node);
  const [only] = entries;
  if (entries.length === 1 && only?.[0] === 'allOf' && Array.isArray(only[1]) && only[1].length === 1) {
    return unwrapLoneAllOf(only[1][0] as T);
  }
  return Object.fromEntries(entries.map(([key, value]) => [key, unwrapLoneAllOf(value)])) as T;
}
