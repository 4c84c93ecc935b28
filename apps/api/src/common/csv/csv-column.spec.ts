import { csvCell } from './csv-column';

describe('csvCell', () => {
  it.each([
    [null, ''],
    [undefined, ''],
    [0, '0'],
    [-12.5, '-12.5'],
    [Number.NaN, ''],
    [true, 'true'],
    [false, 'false'],
    ['orders, "eu"', 'orders, "eu"'],
    [['a', 'b'], 'a; b'],
    [[], ''],
  ] as const)('writes %j as %j', (value, text) => {
    expect(csvCell(value)).toBe(text);
  });

  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])('keeps a spreadsheet from running %j as a formula', (text) => {
    expect(csvCell(text)).toBe(`'${text}`);
  });
});
