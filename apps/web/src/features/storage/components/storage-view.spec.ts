import { lastDays } from '../../../lib/dates';
import { defaultStorageView, knownDatabase, parseStorageView, storageViewParams, type StorageView } from './storage-view';

const parse = (query: string) => parseStorageView(new URLSearchParams(query));

describe('the Storage tab view in the URL', () => {
  it('is the default view (the last 30 days, every database, the total) without parameters, and writes none for it', () => {
    expect(parse('')).toEqual(defaultStorageView());
    expect(defaultStorageView().range).toEqual(lastDays(30));
    expect(storageViewParams(defaultStorageView()).toString()).toBe('');
  });

  it('reads back every field it wrote', () => {
    const view: StorageView = {
      range: { start: '2026-09-01', end: '2026-11-30' }, database: 'sales eu', mode: 'stacked', period: 'weekly', tables: 'orders', capacityPage: 3, limitsPage: 2,
    };
    const query = storageViewParams(view).toString();
    expect(query).toBe('database=sales+eu&chart=stacked&period=weekly&tables_db=orders&capacity_page=3&limits_page=2&from=2026-09-01&to=2026-11-30');
    expect(parse(query)).toEqual(view);
  });

  it.each([
    ['from=2026-13-01', 'range'],
    ['to=1999-01-01', 'range'],
    [`database=${'d'.repeat(256)}`, 'database'],
    ['chart=pie', 'mode'],
    ['period=yearly', 'period'],
    [`tables_db=${'t'.repeat(256)}`, 'tables'],
    ['capacity_page=0', 'capacityPage'],
    ['limits_page=x', 'limitsPage'],
  ] as const)('falls back to the default for %s', (query, field) => {
    expect(parse(query)[field]).toEqual(defaultStorageView()[field]);
  });

  it("takes a database of the URL when the instance has it, '' when it does not, and as it is while they load", () => {
    const databases = [{ database_name: 'orders' }, { database_name: 'users' }];
    expect(knownDatabase('users', databases)).toBe('users');
    expect(knownDatabase('gone', databases)).toBe('');
    expect(knownDatabase('gone', undefined)).toBe('gone');
  });
});
