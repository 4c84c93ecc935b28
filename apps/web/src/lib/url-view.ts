import { isCalendarDate, MAX_PAGE } from '@capacity/contracts';

/**
 * How a page's view lives in the URL's search parameters: `parse` reads it (a value the page cannot show falls back to
 * its default), `format` writes only what differs from the defaults, `keys` are every parameter it owns (the others
 * of the URL are kept), `change` applies an edit (e.g. a changed filter sends its table back to page 1).
 */
export interface UrlViewCodec<View> {
  keys: readonly string[];
  parse: (params: URLSearchParams) => View;
  format: (view: View) => URLSearchParams;
  change?: (view: View, patch: Partial<View>) => View;
}

/** `text` when it is one of `values` (compared as text: a number from the URL too), else `fallback`. */
export const oneOf = <T extends string | number>(values: readonly T[], text: string | null, fallback: T): T =>
  values.find((value) => String(value) === text) ?? fallback;

/** A page number: a plain positive integer up to the API's MAX_PAGE, else 1. */
export function pageOf(text: string | null): number {
  const page = text !== null && /^\d{1,7}$/.test(text) ? Number(text) : 1;
  return page >= 1 && page <= MAX_PAGE ? page : 1;
}

/** A row id: a plain positive integer, else undefined. */
export function idOf(text: string | null): number | undefined {
  if (text === null || !/^[1-9]\d{0,9}$/.test(text)) return undefined;
  const id = Number(text);
  return id <= 2_147_483_647 ? id : undefined;
}

/** Free text up to `maxLength` characters (a longer one is no filter a page writes), else ''. */
export const textOf = (text: string | null, maxLength: number): string => (text !== null && text.length <= maxLength ? text : '');

export interface DayRange {
  start: string;
  end: string;
}

/** A range of days from two parameters: both real calendar dates in order, else `fallback` (one end missing: its default). */
export function rangeOf(start: string | null, end: string | null, fallback: DayRange): DayRange {
  const range = { start: start ?? fallback.start, end: end ?? fallback.end };
  return isCalendarDate(range.start) && isCalendarDate(range.end) && range.start <= range.end ? range : fallback;
}

/** The range's parameters: none for the default range, both ends otherwise (a shared link keeps its days). */
export function setRangeParams(params: URLSearchParams, range: DayRange, fallback: DayRange, names: { start: string; end: string }): void {
  if (range.start === fallback.start && range.end === fallback.end) return;
  params.set(names.start, range.start);
  params.set(names.end, range.end);
}

/** The parameters of the fields that differ from their default, in the order of `names`. */
export function paramsOfView<View extends object>(view: View, defaults: View, names: { [Field in keyof View]?: string }): URLSearchParams {
  const params = new URLSearchParams();
  for (const field of Object.keys(names) as (keyof View)[]) {
    const name = names[field];
    if (name !== undefined && view[field] !== defaults[field]) params.set(name, String(view[field]));
  }
  return params;
}

/** The view after an edit; when one of `resetting` changed (and the edit sets no page itself), back to page 1. */
export function changeWithPageReset<View extends object>(
  view: View,
  patch: Partial<View>,
  pageField: keyof View,
  resetting: readonly (keyof View)[],
): View {
  const next = { ...view, ...patch };
  const changed = (Object.keys(patch) as (keyof View)[]).some((field) => resetting.includes(field) && patch[field] !== view[field]);
  if (patch[pageField] === undefined && changed) return { ...next, [pageField]: 1 };
  return next;
}
