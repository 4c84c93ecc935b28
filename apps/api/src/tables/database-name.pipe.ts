import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { badInput } from '../common/validation';

/** Longest database name the statistics tables hold (varchar(255)). */
export const MAX_DATABASE_NAME_LENGTH = 255;

/** A database name in the path: 1 to 255 characters once decoded; anything else is a 400 naming the parameter. */
export class DatabaseNamePipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    const field = metadata.data ?? 'name';
    if (typeof value !== 'string' || value.length === 0 || [...value].length > MAX_DATABASE_NAME_LENGTH) {
      throw badInput([{ field, message: `${field} must be a database name of 1 to ${MAX_DATABASE_NAME_LENGTH} characters` }]);
    }
    return value;
  }
}
