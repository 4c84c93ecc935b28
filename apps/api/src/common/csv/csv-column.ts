/** A cell as the CSV writes it: null and undefined are empty, booleans `true`/`false`, arrays joined by `; `. */
export type CsvValue = string | number | boolean | null | undefined | readonly string[];

/** One column of an export: its header and how a row fills it. */
export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => CsvValue;
}

// A text cell starting with one of these is a formula to Excel and LibreOffice (CSV injection, OWASP).
const FORMULA_START = /^[=+\-@\t\r]/;

/** The text of a cell; text that a spreadsheet would run as a formula is prefixed with `'` and so shown as text. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = typeof value === 'string' ? value : value.join('; ');
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Columns named as the JSON fields they copy, in the order given. */
export function fieldColumns<Row>(fields: readonly (keyof Row & string)[]): CsvColumn<Row>[] {
  return fields.map((field) => ({ header: field, value: (row) => row[field] as CsvValue }));
}
