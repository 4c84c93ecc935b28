import { buildPagination } from './pagination';

describe('buildPagination', () => {
  it('describes a middle page', () => {
    expect(buildPagination(2, 10, 35)).toEqual({ page: 2, pages: 4, per_page: 10, total: 35, has_next: true, has_prev: true });
  });
  it('has one page when empty', () => {
    expect(buildPagination(1, 20, 0)).toEqual({ page: 1, pages: 1, per_page: 20, total: 0, has_next: false, has_prev: false });
  });
});
