import { parseDecimalInteger } from '@capacity/contracts';
import { type ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { findInputProblems, type InputProblem } from './input-checks';

function flatten(errors: ValidationError[], parent = ''): InputProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** The 400 of every bad input: each message names its field, `fields` lists them once each. */
export function badInput(problems: InputProblem[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: problems.map((problem) => (problem.message.startsWith(problem.field) ? problem.message : `${problem.field}: ${problem.message}`)),
    fields: [...new Set(problems.map((problem) => problem.field))],
  });
}

/**
 * The global pipe: unknown fields refused, values transformed, every message names its field. Before anything is
 * transformed, a body, query or path value is checked for what would crash further on (see findInputProblems), a DTO
 * body must be an object, and a numeric path or query parameter must be plain decimal digits.
 */
export class InputValidationPipe extends ValidationPipe {
  constructor() {
    super({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: (errors) => badInput(flatten(errors)) });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const problems = findInputProblems(value, metadata.data ?? metadata.type);
      if (problems.length > 0) throw badInput(problems);
    }
    if (metadata.type === 'body' && this.toValidate(metadata) && value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw badInput([{ field: 'body', message: 'body must be a JSON object' }]);
    }
    return super.transform(value, metadata);
  }

  protected override transformPrimitive(value: unknown, metadata: ArgumentMetadata): unknown {
    const { type, metatype, data } = metadata;
    if (metatype === Number && data && (type === 'param' || type === 'query') && typeof value === 'string') {
      const parsed = parseDecimalInteger(value);
      // Every numeric path parameter of the API is an id (ParseIdPipe checks its range next).
      const expected = type === 'param' ? 'a positive integer' : 'an integer';
      if (typeof parsed !== 'number') throw badInput([{ field: data, message: `${data} must be ${expected}` }]);
      return parsed;
    }
    return super.transformPrimitive(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new InputValidationPipe();
}
