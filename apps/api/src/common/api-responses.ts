import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiResponse, getSchemaPath, type SchemaObject } from '@nestjs/swagger';
import { ApiErrorBody, Pagination } from '@capacity/contracts';

/** The error statuses the API answers, each with the one error body. */
export const ERROR_STATUSES = {
  400: 'Bad input: the body names the fields at fault',
  401: 'No valid bearer token',
  403: 'The token\'s role may not do this (admin only), or the instance is not the viewer\'s',
  404: 'No such resource (or not visible to this user)',
  409: 'Conflicts with the current state (a duplicate, or a run already in progress)',
  413: 'The request body is larger than the limit',
  429: 'Too many attempts: wait for the Retry-After header',
  503: 'The repository database cannot be reached: retry later',
} as const;
export type ErrorStatus = keyof typeof ERROR_STATUSES;

/** Declares the error answers an operation can give, all with the `ApiErrorBody` schema. */
export function ApiErrorResponses(...statuses: ErrorStatus[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ApiErrorBody),
    ...statuses.map((status) => ApiResponse({ status, description: ERROR_STATUSES[status], type: ApiErrorBody })),
  );
}

/** A 200 answer `{ data: Item[], pagination }`: one generic envelope, specialised by its item schema. */
export function ApiPaginatedOkResponse(item: Type<unknown>, description?: string): MethodDecorator {
  return applyDecorators(ApiExtraModels(Pagination, item), ApiOkResponse({ description, schema: paginatedSchema(item) }));
}

/** The schema of `{ data: Item[], pagination }` (declare `Pagination` and the item with ApiExtraModels). */
export function paginatedSchema(item: Type<unknown>): SchemaObject {
  return {
    type: 'object',
    required: ['data', 'pagination'],
    properties: {
      data: { type: 'array', items: { $ref: getSchemaPath(item) } },
      pagination: { $ref: getSchemaPath(Pagination) },
    },
  };
}
