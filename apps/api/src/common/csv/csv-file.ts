import { StreamableFile } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type CsvColumn, csvCell } from './csv-column';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

/** `attachment; filename=…` with the plain name and its RFC 5987 form (a name is ASCII here, but stay safe). */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

async function* records<Row>(first: IteratorResult<Row>, rest: AsyncIterator<Row>, columns: readonly CsvColumn<Row>[]): AsyncGenerator<string[]> {
  try {
    for (let next = first; !next.done; next = await rest.next()) yield columns.map((column) => csvCell(column.value(next.value)));
  } finally {
    // The client went away or a row failed: let the source close (a cursor gives its connection back).
    await rest.return?.();
  }
}

/**
 * Every row as a CSV download, written as it is read: UTF-8 with a BOM (Excel reads the encoding from it), a header
 * line, fields quoted where they hold a comma, a quote or a line break (RFC 4180), CRLF line ends. The first row is
 * read before answering, so a failing read (the repository down) is still an error answer, not a truncated file.
 */
export async function csvFile<Row>(filename: string, columns: readonly CsvColumn<Row>[], rows: AsyncIterable<Row> | Iterable<Row>): Promise<StreamableFile> {
  const iterator: AsyncIterator<Row> = Symbol.asyncIterator in rows ? rows[Symbol.asyncIterator]() : toAsync(rows[Symbol.iterator]());
  const first = await iterator.next();
  const csv = stringify({ bom: true, header: true, columns: columns.map((column) => column.header), record_delimiter: 'windows', eof: true });
  // pipeline() ends the source when the CSV stream is destroyed (the client disconnected), and the other way round.
  pipeline(Readable.from(records(first, iterator, columns)), csv).catch(() => undefined);
  return new StreamableFile(csv, { type: CSV_CONTENT_TYPE, disposition: attachmentDisposition(filename) });
}

function toAsync<Row>(iterator: Iterator<Row>): AsyncIterator<Row> {
  return { next: async () => iterator.next(), return: async () => iterator.return?.() ?? { done: true, value: undefined } };
}
