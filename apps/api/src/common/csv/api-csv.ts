import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath, type ReferenceObject, type SchemaObject } from '@nestjs/swagger';
import { Pagination } from '@capacity/contracts';
import { paginatedSchema } from '../api-responses';

/*
 * Giving a table endpoint its CSV (as GET /instances, GET /aggregations, GET /instances/:id/database-sizes do):
 * 1. its query DTO gets `@ResponseFormatQuery() format?: ResponseFormat;` (@capacity/contracts);
 * 2. its 200 is declared with `ApiOkJsonOrCsvResponse({ paginated: Item }, '…')` instead of ApiPaginatedOkResponse;
 * 3. the handler takes `@Req() request: Request` and answers
 *      if (wantsCsv(request, query.format)) return csvFile('name.csv', COLUMNS, this.service.exportRows(user, query));
 *    where COLUMNS is a `CsvColumn<Item>[]` (fieldColumns() for flat fields) and exportRows an async generator of
 *    every matching item (no page) — from `cursorQuery()` in the repository for a set that can be large;
 * 4. `npm run openapi`.
 */
const CSV_DESCRIPTION = 'With `format=csv` or `Accept: text/csv`: every matching row (not one page) as a CSV attachment, UTF-8 with a BOM, a header line';

/**
 * A 200 answer that is JSON or, when asked for, CSV: both media types declared, the CSV as text with its
 * Content-Disposition. `json` is the response class, or `{ paginated: Item }` for a `{ data, pagination }` page.
 */
export function ApiOkJsonOrCsvResponse(json: Type<unknown> | { paginated: Type<unknown> }, description: string): MethodDecorator {
  const models = 'paginated' in json ? [Pagination, json.paginated] : [json];
  const schema: SchemaObject | ReferenceObject = 'paginated' in json ? paginatedSchema(json.paginated) : { $ref: getSchemaPath(json) };
  return applyDecorators(
    ApiExtraModels(...models),
    ApiOkResponse({
      description: `${description}. ${CSV_DESCRIPTION}`,
      headers: {
        'Content-Disposition': { description: 'CSV only: `attachment; filename="…"`', schema: { type: 'string' } },
      },
      content: {
        'application/json': { schema },
        'text/csv': { schema: { type: 'string', description: 'RFC 4180 CSV, CRLF line ends, UTF-8 with a BOM' } },
      },
    }),
  );
}
