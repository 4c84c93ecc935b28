/** A value the code cannot go on without was absent: names what was missing. */
export class RequiredValueMissingError extends Error {
  constructor(what: string) {
    super(`${what} is missing`);
    this.name = 'RequiredValueMissingError';
  }
}

/** The value itself, or a RequiredValueMissingError naming `what` when it is null or undefined. */
export function required<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new RequiredValueMissingError(what);
  return value;
}
