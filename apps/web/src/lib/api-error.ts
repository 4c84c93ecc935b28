import type { ApiErrorBody } from './api-types';

/** An API answer outside 2xx, carrying the API's own messages and the inputs it names as at fault. */
export class ApiError extends Error {
  /** The API's messages one by one (`message` joins them). */
  readonly messages: string[];

  constructor(
    readonly status: number,
    message: string | string[],
    readonly fields: string[] = [],
  ) {
    const messages = Array.isArray(message) ? message : [message];
    super(messages.join('; '));
    this.name = 'ApiError';
    this.messages = messages;
  }
}

export const UNREACHABLE_MESSAGE = 'The server cannot be reached';

type ErrorBodyLike = Pick<ApiErrorBody, 'message'> & Partial<Pick<ApiErrorBody, 'fields'>>;

function isErrorBody(body: unknown): body is ErrorBodyLike {
  if (typeof body !== 'object' || body === null || !('message' in body)) return false;
  const { message } = body;
  return typeof message === 'string' || (Array.isArray(message) && message.every((part) => typeof part === 'string'));
}

/** The ApiError of a non-2xx answer: its `{ message, fields }` body, or the status line when the body is not one. */
export async function apiErrorOf(response: Response): Promise<ApiError> {
  const fallback = `${response.status} ${response.statusText}`.trim();
  let body: unknown;
  try {
    body = JSON.parse(await response.clone().text());
  } catch {
    return new ApiError(response.status, fallback);
  }
  if (!isErrorBody(body) || body.message.length === 0) return new ApiError(response.status, fallback);
  const fields = Array.isArray(body.fields) ? body.fields.filter((field): field is string => typeof field === 'string') : [];
  return new ApiError(response.status, body.message, fields);
}

/**
 * The API's message for each input it names at fault. The API starts each message with its field's name
 * (`name must be shorter than…`, `tags.1: …`); a field none of the messages starts with gets them all
 * (e.g. a 409 naming `name` for a duplicate).
 */
export function messagesByField(error: ApiError): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const field of error.fields) {
    const own = error.messages.filter((message) => message.startsWith(`${field} `) || message.startsWith(`${field}:`));
    byField[field] = (own.length > 0 ? own : error.messages).join('; ');
  }
  return byField;
}

/** How a form shows a failed request: the API's message under each field it names, and whether a banner must show the rest. */
export interface FormApiErrors<Key extends string> {
  byField: Partial<Record<Key, string>>;
  /** Something no field of the form shows: another kind of error, or a field the form does not have. */
  unplaced: boolean;
}

export function formApiErrors<Key extends string>(error: unknown, keys: readonly Key[]): FormApiErrors<Key> {
  if (!(error instanceof ApiError) || error.fields.length === 0) return { byField: {}, unplaced: Boolean(error) };
  const isKey = (field: string): field is Key => (keys as readonly string[]).includes(field);
  const byField: Partial<Record<Key, string>> = {};
  for (const [field, message] of Object.entries(messagesByField(error))) {
    if (isKey(field)) byField[field] = message;
  }
  return { byField, unplaced: !error.fields.every(isKey) };
}
