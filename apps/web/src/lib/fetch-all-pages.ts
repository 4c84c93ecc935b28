import { MAX_PER_PAGE } from '@capacity/contracts';
import type { Pagination } from './api-types';

/** Every row of a paginated answer, or the first `maxPages` pages of it (`complete` says which). */
export interface AllRows<T> {
  rows: T[];
  /** Rows the API counted in all. */
  total: number;
  complete: boolean;
}

export type PageFetcher<T> = (page: number, perPage: number) => Promise<{ data: T[]; pagination: Pagination }>;

/** Pages fetched at once after the first. */
const PARALLEL = 4;
/** 20 pages of 500 rows: a chart of 10,000 figures is past what anyone reads. */
export const MAX_CHART_PAGES = 20;

/**
 * Reads page 1, then the rest of the pages it announces (at most `maxPages`), so that a chart or a total is never
 * fed by a capped page without knowing it.
 */
export async function fetchAllPages<T>(fetchPage: PageFetcher<T>, maxPages = MAX_CHART_PAGES, perPage = MAX_PER_PAGE): Promise<AllRows<T>> {
  const first = await fetchPage(1, perPage);
  const last = Math.min(first.pagination.pages, maxPages);
  const pages: T[][] = [first.data];
  for (let start = 2; start <= last; start += PARALLEL) {
    const batch = Array.from({ length: Math.min(PARALLEL, last - start + 1) }, (_, i) => fetchPage(start + i, perPage));
    for (const answer of await Promise.all(batch)) pages.push(answer.data);
  }
  const rows = pages.flat();
  return { rows, total: first.pagination.total, complete: rows.length >= first.pagination.total };
}
