/** Deepest nesting of objects and arrays a request value may have; no DTO of the API goes past 2. */
export const MAX_INPUT_DEPTH = 8;
/** Keys that reach an object's prototype: refused like any other unknown key (the validator never sees them). */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
/** Enough to name what is wrong without answering a list as long as the request. */
const MAX_PROBLEMS = 20;

export interface InputProblem {
  field: string;
  message: string;
}

interface Pending {
  value: unknown;
  path: string;
  depth: number;
}

const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);

/**
 * What a body, query or path value must not hold before it is transformed: NUL characters in strings (PostgreSQL
 * refuses them), nesting deeper than MAX_INPUT_DEPTH (class-transformer recurses and overflows the stack), and
 * prototype keys. Walks with its own stack, so no input can overflow it. `root` names the value itself (a path
 * parameter's name, or `body`); the fields inside are named by their path, as the validator names them.
 */
export function findInputProblems(value: unknown, root: string): InputProblem[] {
  const problems: InputProblem[] = [];
  const pending: Pending[] = [{ value, path: '', depth: 0 }];
  while (pending.length > 0 && problems.length < MAX_PROBLEMS) {
    const { value: current, path, depth } = pending.pop() as Pending;
    const field = path || root;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) problems.push({ field, message: `${field} must not contain NUL characters` });
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (depth + 1 > MAX_INPUT_DEPTH) {
      problems.push({ field, message: `${field} is nested too deeply (at most ${MAX_INPUT_DEPTH} levels)` });
      continue;
    }
    const keys = Object.keys(current);
    for (let index = keys.length - 1; index >= 0; index--) {
      const key = keys[index];
      const child = join(path, key);
      if (FORBIDDEN_KEYS.has(key)) {
        problems.push({ field: child, message: `property ${child} should not exist` });
        continue;
      }
      pending.push({ value: (current as Record<string, unknown>)[key], path: child, depth: depth + 1 });
    }
  }
  return problems.slice(0, MAX_PROBLEMS);
}
