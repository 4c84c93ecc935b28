import { type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { INT4_MAX } from '@capacity/contracts';
import { badInput } from './validation';

/**
 * Route ids are positive 32-bit integers written as plain decimal digits; anything else is a 400 naming the
 * parameter. Takes the string of the route, or the number the global pipe already read from it strictly.
 */
export class ParseIdPipe implements PipeTransform<string | number, number> {
  transform(value: string | number, metadata: ArgumentMetadata): number {
    const id = typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : value;
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 1 || id > INT4_MAX) {
      const name = metadata.data ?? 'id';
      throw badInput([{ field: name, message: `${name} must be a positive integer` }]);
    }
    return id;
  }
}
