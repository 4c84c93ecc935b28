import { ArgumentMetadata, BadRequestException, PipeTransform } from '@nestjs/common';

/** Route ids are positive 32-bit integers; anything else is a 400 naming the parameter. */
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string, metadata: ArgumentMetadata): number {
    if (!/^\d{1,10}$/.test(value) || Number(value) < 1 || Number(value) > 2_147_483_647) {
      const name = metadata.data ?? 'id';
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: [`${name} must be a positive integer`],
        fields: [name],
      });
    }
    return Number(value);
  }
}
