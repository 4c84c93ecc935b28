/** Domain failures a module raises; the global filter maps each kind to its HTTP status. */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  constructor(message: string, readonly field?: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  readonly status = 404;
}

export class ConflictError extends DomainError {
  readonly status = 409;
}

export class InvalidInputError extends DomainError {
  readonly status = 400;
}

export class UnavailableError extends DomainError {
  readonly status = 503;
}
