import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { attachmentDisposition, csvFile, csvLine } from './csv-file';
import type { CsvColumn } from './csv-column';

interface Row {
  name: string;
  size: number | null;
}
const COLUMNS: CsvColumn<Row>[] = [
  { header: 'name', value: (row) => row.name },
  { header: 'size', value: (row) => row.size },
];

async function text(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

describe('csvFile', () => {
  it('writes a BOM, a header line and RFC 4180 quoting, with CRLF line ends', async () => {
    const file = await csvFile('x.csv', COLUMNS, [
      { name: 'a, "b"\nc', size: 1 },
      { name: 'plain', size: null },
    ]);
    const body = await text(file.getStream());
    expect(body).toBe('\ufeffname,size\r\n"a, ""b""\nc",1\r\nplain,\r\n');
    expect(parse(body, { bom: true, columns: true })).toEqual([
      { name: 'a, "b"\nc', size: '1' },
      { name: 'plain', size: '' },
    ]);
    expect(file.getHeaders()).toEqual({ type: 'text/csv; charset=utf-8', disposition: 'attachment; filename="x.csv"; filename*=UTF-8\'\'x.csv', length: undefined });
  });

  it('writes the header line alone when there is no row', async () => {
    expect(await text((await csvFile('x.csv', COLUMNS, [])).getStream())).toBe('\ufeffname,size\r\n');
  });

  it('reads the rows as the stream is read, and closes the source when the stream is destroyed early', async () => {
    let produced = 0;
    let closed = false;
    async function* rows(): AsyncGenerator<Row> {
      try {
        for (;;) yield { name: `n${++produced}`, size: produced };
      } finally {
        closed = true;
      }
    }
    const stream = (await csvFile('x.csv', COLUMNS, rows())).getStream();
    for await (const _chunk of stream) break; // the client went away after the first chunk
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(closed).toBe(true);
    expect(produced).toBeLessThan(100_000);
  });

  it('fails before answering when the first row cannot be read (the repository is down)', async () => {
    const failing: AsyncIterable<Row> = {
      [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error('connection refused')) }),
    };
    await expect(csvFile('x.csv', COLUMNS, failing)).rejects.toThrow('connection refused');
  });
});

describe('csvLine', () => {
  it('writes every line exactly as csv-stringify does, plain or quoted', () => {
    const cells = ['', 'plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\r', 'crlf\r\n', ' padded ', "'=1+2", '-1.5', '实例', 'tab\there', ';'];
    for (const a of cells) {
      for (const b of cells) expect(csvLine([a, b, 'x'])).toBe(stringify([[a, b, 'x']], { record_delimiter: 'windows' }));
    }
    expect(csvLine([])).toBe(stringify([[]], { record_delimiter: 'windows' }));
  });

  it('writes a big file in chunks of at most a few ten thousand characters', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => ({ name: `instance-${i}, "quoted"`, size: i }));
    const chunks: string[] = [];
    for await (const chunk of (await csvFile('x.csv', COLUMNS, rows)).getStream()) chunks.push(Buffer.from(chunk as Buffer).toString('utf8'));
    expect(chunks.length).toBeGreaterThan(5);
    expect(Math.max(...chunks.map((chunk) => chunk.length))).toBeLessThan(64 * 1024);
    expect(parse(chunks.join(''), { bom: true, columns: true })).toEqual(rows.map((row) => ({ name: row.name, size: String(row.size) })));
  });
});

describe('attachmentDisposition', () => {
  it('gives an ASCII name and its UTF-8 form', () => {
    expect(attachmentDisposition('实例 "a".csv')).toBe(`attachment; filename="__ _a_.csv"; filename*=UTF-8''${encodeURIComponent('实例 "a".csv')}`);
  });
});
