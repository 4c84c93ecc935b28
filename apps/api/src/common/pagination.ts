import type { Pagination } from '@capacity/contracts';

export function buildPagination(page: number, perPage: number, total: number): Pagination {
  const pages = Math.max(1, Math.ceil(total / perPage));
  return { page, pages, per_page: perPage, total, has_next: page < pages, has_prev: page > 1 };
}
