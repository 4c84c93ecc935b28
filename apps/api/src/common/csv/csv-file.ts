import { StreamableFile } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import { Readable } from 'node:stream';
import { type CsvColumn, csvCell } from './csv-column';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

/**
 * Characters of text per chunk written: one stream write per ~16 k characters, and every chunk a young-generation
 * string (one of more than 128 kB would be allocated in the old large-object space and stay there until a full GC).
 */
const CHUNK_CHARS = 16 * 1024;
const CSV_OPTIONS = { record_delimiter: 'windows' } as const;
/** What makes csv-stringify quote a cell with these options (RFC 4180: a comma, a quote, a line break). */
const NEEDS_QUOTING = /[",\r\n]/;

/**
 * One line of the file, exactly as csv-stringify writes it: a line with a cell to quote goes through the library; a
 * line without one is its cells joined by commas (what the library writes for it, without its per-cell allocations).
 */
export function csvLine(cells: readonly string[]): string {
  return cells.some((cell) => NEEDS_QUOTING.test(cell)) ? stringify([cells], CSV_OPTIONS) : `${cells.join(',')}\r\n`;
}

/** `attachment; filename=…` with the plain name and its RFC 5987 form (a name is ASCII here, but stay safe). */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** The file's text in chunks: the BOM and header line, then the lines of ~CHUNK_CHARS characters at a time. */
async function* chunks<Row>(first: IteratorResult<Row>, rest: AsyncIterator<Row>, columns: readonly CsvColumn<Row>[]): AsyncGenerator<string> {
  try {
    yield `\ufeff${csvLine(columns.map((column) => column.header))}`;
    let text = '';
    for (let next = first; !next.done; next = await rest.next()) {
      const row = next.value;
      text += csvLine(columns.map((column) => csvCell(column.value(row))));
      if (text.length >= CHUNK_CHARS) {
        yield text;
        text = '';
      }
    }
    if (text.length > 0) yield text;
  } finally {
    // The client went away or a row failed: let the source close (a cursor gives its connection back).
    await rest.return?.();
  }
}

/**
 * Every row as a CSV download, written as it is read: UTF-8 with a BOM (Excel reads the encoding from it), a header
 * line, fields quoted where they hold a comma, a quote or a line break (RFC 4180), CRLF line ends. The first row is
 * read before answering, so a failing read (the repository down) is still an error answer, not a truncated file.
 * The stream reads the next rows only when the response has taken the last chunk (backpressure: memory stays one
 * chunk and the source's batch, however slow the client).
 */
export async function csvFile<Row>(filename: string, columns: readonly CsvColumn<Row>[], rows: AsyncIterable<Row> | Iterable<Row>): Promise<StreamableFile> {
  const iterator: AsyncIterator<Row> = Symbol.asyncIterator in rows ? rows[Symbol.asyncIterator]() : toAsync(rows[Symbol.iterator]());
  const first = await iterator.next();
  // Readable.from ends the generator (its finally) when the stream is destroyed: the client disconnected.
  const csv = Readable.from(chunks(first, iterator, columns), { objectMode: false });
  return new StreamableFile(csv, { type: CSV_CONTENT_TYPE, disposition: attachmentDisposition(filename) });
}

function toAsync<Row>(iterator: Iterator<Row>): AsyncIterator<Row> {
  return { next: async () => iterator.next(), return: async () => iterator.return?.() ?? { done: true, value: undefined } };
}
