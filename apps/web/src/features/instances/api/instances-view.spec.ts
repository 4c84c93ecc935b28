import { changeInstancesView, hasFilters, listQueryOf, nextSort, paramsFromView, viewFromParams, withFilter, type InstancesView } from './instances-view';

const DEFAULT_VIEW: InstancesView = { page: 1, sort: 'name', db_type: '', status: '', tag: '', zone: '', search: '', active: '' };

describe('the instances view in the URL', () => {
  it('reads the default view from a plain URL, and writes it back as a plain URL', () => {
    expect(viewFromParams(new URLSearchParams())).toEqual(DEFAULT_VIEW);
    expect(paramsFromView(DEFAULT_VIEW).toString()).toBe('');
  });

  it('round-trips every field', () => {
    const view: InstancesView = { page: 3, sort: '-growth_30d', db_type: 'mysql', status: 'failed', tag: 'prod', zone: 'dc-east', search: 'orders, eu', active: 'false' };
    expect(viewFromParams(paramsFromView(view))).toEqual(view);
  });

  it.each([
    ['page=0', { page: 1 }],
    ['page=2.5', { page: 1 }],
    ['page=x', { page: 1 }],
    ['sort=colour', { sort: 'name' }],
    ['sort=--size', { sort: 'name' }],
    ['db_type=db2', { db_type: '' }],
    ['status=running', { status: '' }],
    ['active=maybe', { active: '' }],
  ])('falls back to the default for %s', (query, expected) => {
    expect(viewFromParams(new URLSearchParams(query))).toEqual({ ...DEFAULT_VIEW, ...expected });
  });

  it('tells a filtered view (an empty list then means "no match") from a sorted or paged one', () => {
    expect(hasFilters({ ...DEFAULT_VIEW, sort: '-size', page: 3 })).toBe(false);
    expect(hasFilters({ ...DEFAULT_VIEW, tag: 'prod' })).toBe(true);
  });

  it('goes back to page 1 when a filter changes', () => {
    expect(withFilter({ ...DEFAULT_VIEW, page: 4, sort: '-size' }, 'db_type', 'oracle')).toEqual({ ...DEFAULT_VIEW, sort: '-size', db_type: 'oracle' });
    expect(withFilter(DEFAULT_VIEW, 'status', 'bogus').status).toBe('');
  });

  it('goes back to page 1 when the sort changes, and keeps the page it is sent to', () => {
    expect(changeInstancesView({ ...DEFAULT_VIEW, page: 4 }, { sort: '-size' })).toEqual({ ...DEFAULT_VIEW, sort: '-size' });
    expect(changeInstancesView({ ...DEFAULT_VIEW, sort: '-size' }, { page: 3 })).toEqual({ ...DEFAULT_VIEW, sort: '-size', page: 3 });
    expect(changeInstancesView({ ...DEFAULT_VIEW, page: 2 }, { search: '' })).toEqual({ ...DEFAULT_VIEW, page: 2 });
  });
});

describe('nextSort', () => {
  it('turns the direction of the sorted column', () => {
    expect(nextSort('size', 'size', true)).toBe('-size');
    expect(nextSort('-size', 'size', true)).toBe('size');
  });

  it('starts another column in its first direction', () => {
    expect(nextSort('name', 'size', true)).toBe('-size');
    expect(nextSort('-size', 'name', false)).toBe('name');
  });
});

describe('listQueryOf', () => {
  it('sends only the filters set, trimmed, and is_active as a boolean', () => {
    expect(listQueryOf(DEFAULT_VIEW)).toEqual({ sort: 'name' });
    expect(listQueryOf({ ...DEFAULT_VIEW, tag: ' prod ', search: '  ', active: 'false', status: 'never' })).toEqual({
      sort: 'name',
      tag: 'prod',
      status: 'never',
      is_active: false,
    });
  });
});
