import { lastDays } from '../../../lib/dates';
import { AGGREGATIONS_VIEW_CODEC, aggregationsFilterOf, aggregationsViewParams, defaultAggregationsView, parseAggregationsView, type AggregationsView } from './aggregations-view';

const parse = (query: string) => parseAggregationsView(new URLSearchParams(query));

describe('the Aggregations page view in the URL', () => {
  it('is the default view (the last 30 days) without parameters, and writes none for it', () => {
    expect(parse('')).toEqual(defaultAggregationsView());
    expect(defaultAggregationsView().range).toEqual(lastDays(30));
    expect(aggregationsViewParams(defaultAggregationsView()).toString()).toBe('');
  });

  it('reads back every field it wrote', () => {
    const view: AggregationsView = {
      instance: 417, engine: 'oracle', database: 'Sales EU', period: 'monthly',
      range: { start: '2026-01-01', end: '2026-06-30' }, mode: 'instance', kind: 'bar', page: 3,
    };
    const query = aggregationsViewParams(view).toString();
    expect(query).toBe('instance=417&db_type=oracle&database=Sales+EU&period=monthly&group=instance&chart=bar&page=3&from=2026-01-01&to=2026-06-30');
    expect(parse(query)).toEqual(view);
  });

  it.each([
    ['instance=abc', 'instance'],
    ['instance=0', 'instance'],
    ['db_type=db2', 'engine'],
    [`database=${'x'.repeat(256)}`, 'database'],
    ['period=hourly', 'period'],
    ['from=2026-02-30', 'range'],
    ['from=2026-06-01&to=2026-05-01', 'range'],
    ['group=tag', 'mode'],
    ['chart=pie', 'kind'],
    ['page=0', 'page'],
    ['page=two', 'page'],
  ] as const)('falls back to the default for %s', (query, field) => {
    expect(parse(query)[field]).toEqual(defaultAggregationsView()[field]);
  });

  it('sends the table back to page 1 when a filter changes, not when the chart does', () => {
    const onPage3 = { ...defaultAggregationsView(), page: 3 };
    const change = AGGREGATIONS_VIEW_CODEC.change ?? ((view: AggregationsView) => view);
    expect(change(onPage3, { period: 'weekly' }).page).toBe(1);
    expect(change(onPage3, { range: { start: '2026-01-01', end: '2026-01-31' } }).page).toBe(1);
    expect(change(onPage3, { instance: 5 }).page).toBe(1);
    expect(change(onPage3, { mode: 'instance', kind: 'bar' }).page).toBe(3);
  });

  it("is the API's filter: the database trimmed, an empty filter left out", () => {
    const view = { ...defaultAggregationsView(), engine: 'mysql' as const, database: '  ord ', range: { start: '2026-01-01', end: '2026-01-31' } };
    expect(aggregationsFilterOf(view)).toEqual({
      instance_id: undefined, db_type: 'mysql', database_name: 'ord', period_type: 'daily', start_date: '2026-01-01', end_date: '2026-01-31',
    });
    expect(aggregationsFilterOf(view, '').database_name).toBeUndefined();
  });
});
