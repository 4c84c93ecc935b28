import { ApiError } from './api-error';
import { attachmentName, saveFile } from './download-file';

/** Saves a CSV export the API answered (`parseAs: 'blob'`) under its attachment name, or `fallbackName`. */
export function saveCsvAnswer({ data, response }: { data?: Blob; response: Response }, fallbackName: string): void {
  if (!data) throw new ApiError(response.status, `${response.status}: the answer has no body`);
  saveFile(data, attachmentName(response.headers.get('Content-Disposition'), fallbackName));
}

/** What a CSV request sends besides its filters: the format in the query and in Accept (either suffices for the API). */
export const CSV_REQUEST = { headers: { Accept: 'text/csv' }, parseAs: 'blob' } as const;
