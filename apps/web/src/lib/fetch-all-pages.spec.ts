import type { Pagination } from './api-types';
import { fetchAllPages } from './fetch-all-pages';

/** A paginated source of `total` numbered rows. */
function source(total: number) {
  const asked: number[][] = [];
  const fetchPage = async (page: number, perPage: number) => {
    asked.push([page, perPage]);
    const pages = Math.max(1, Math.ceil(total / perPage));
    const data = Array.from({ length: Math.max(0, Math.min(perPage, total - (page - 1) * perPage)) }, (_, i) => (page - 1) * perPage + i);
    const pagination: Pagination = { page, pages, per_page: perPage, total, has_next: page < pages, has_prev: page > 1 };
    return { data, pagination };
  };
  return { fetchPage, asked };
}

describe('fetchAllPages', () => {
  it('reads every page the first one announces, in order', async () => {
    const { fetchPage, asked } = source(1234);
    const all = await fetchAllPages(fetchPage, 20, 500);
    expect(all.complete).toBe(true);
    expect(all.total).toBe(1234);
    expect(all.rows).toEqual(Array.from({ length: 1234 }, (_, i) => i));
    expect(asked.map(([page]) => page).sort()).toEqual([1, 2, 3]);
  });

  it('stops at maxPages and says the rows are not complete', async () => {
    const { fetchPage, asked } = source(25);
    const all = await fetchAllPages(fetchPage, 2, 10);
    expect(all).toEqual({ rows: Array.from({ length: 20 }, (_, i) => i), total: 25, complete: false });
    expect(asked).toHaveLength(2);
  });

  it('is complete with one page for no rows', async () => {
    const { fetchPage, asked } = source(0);
    expect(await fetchAllPages(fetchPage)).toEqual({ rows: [], total: 0, complete: true });
    expect(asked).toEqual([[1, 500]]);
  });
});
