import { DEFAULT_SESSIONS_VIEW, parseSessionsView, SESSIONS_VIEW_CODEC } from './sessions-view';

const parse = (query: string) => parseSessionsView(new URLSearchParams(query));

describe('the Sessions page view in the URL', () => {
  it('is the default view without parameters, and writes none for it', () => {
    expect(parse('')).toEqual(DEFAULT_SESSIONS_VIEW);
    expect(SESSIONS_VIEW_CODEC.format(DEFAULT_SESSIONS_VIEW).toString()).toBe('');
  });

  it('reads back every field it wrote', () => {
    const view = { category: 'aggregation', status: 'failed', page: 4 } as const;
    const query = SESSIONS_VIEW_CODEC.format(view).toString();
    expect(query).toBe('category=aggregation&status=failed&page=4');
    expect(parse(query)).toEqual(view);
  });

  it.each([
    ['category=backup', 'category'],
    ['status=lost', 'status'],
    ['page=0', 'page'],
  ] as const)('falls back to the default for %s', (query, field) => {
    expect(parse(query)[field]).toEqual(DEFAULT_SESSIONS_VIEW[field]);
  });

  it('shows the first page of another filter', () => {
    const change = SESSIONS_VIEW_CODEC.change ?? ((view) => view);
    expect(change({ ...DEFAULT_SESSIONS_VIEW, page: 3 }, { status: 'running' }).page).toBe(1);
    expect(change({ ...DEFAULT_SESSIONS_VIEW, page: 3 }, { page: 4 }).page).toBe(4);
  });
});
