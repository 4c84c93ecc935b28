import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsOptionalNonNull } from './optional-non-null';

/** How a table endpoint answers: its JSON page, or every matching row as CSV. */
export const RESPONSE_FORMATS = ['json', 'csv'] as const;
export type ResponseFormat = (typeof RESPONSE_FORMATS)[number];

/** The `format` query parameter of an endpoint that also answers CSV (as does `Accept: text/csv`). */
export function ResponseFormatQuery(): PropertyDecorator {
  const decorators = [
    ApiPropertyOptional({
      enum: RESPONSE_FORMATS,
      enumName: 'ResponseFormat',
      description: 'csv: every matching row (not one page) as CSV, like `Accept: text/csv`; default: json, or what Accept asks for',
    }),
    IsOptionalNonNull(),
    IsIn(RESPONSE_FORMATS, { message: `format must be one of: ${RESPONSE_FORMATS.join(', ')}` }),
  ];
  return (target, propertyKey) => {
    for (const decorate of decorators) decorate(target, propertyKey);
  };
}
