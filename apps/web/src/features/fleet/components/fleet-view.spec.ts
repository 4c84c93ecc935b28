import { changeFleetView, DEFAULT_FLEET_VIEW, fleetViewParams, parseFleetView, type FleetView } from './fleet-view';

const parse = (query: string) => parseFleetView(new URLSearchParams(query));

describe('the Fleet page view in the URL', () => {
  it('is the default view without parameters, and writes no parameter for it', () => {
    expect(parse('')).toEqual(DEFAULT_FLEET_VIEW);
    expect(fleetViewParams(DEFAULT_FLEET_VIEW).toString()).toBe('');
  });

  it('reads back every field it wrote', () => {
    const view: FleetView = {
      engine: 'mysql', tag: 'prod eu', group: 'tag', top: 20, period: 'monthly', chart: 'lines',
      metric: 'shrink', window: 7, level: 'instance', page: 3, date: '2026-11-30', threshold: 2.5, change: 'appeared', changesPage: 2,
      capacityLevel: 'instance', capacityPage: 4,
    };
    const query = fleetViewParams(view).toString();
    expect(query).toBe('engine=mysql&tag=prod+eu&group=tag&top=20&period=monthly&chart=lines&metric=shrink&window=7&level=instance&page=3&date=2026-11-30&threshold=2.5&change=appeared&changes_page=2&capacity_level=instance&capacity_page=4');
    expect(parse(query)).toEqual(view);
  });

  it.each([
    ['engine=db2', 'engine'],
    ['group=schema', 'group'],
    ['top=15', 'top'],
    ['period=quarterly', 'period'],
    ['chart=pie', 'chart'],
    ['metric=fastest', 'metric'],
    ['window=5', 'window'],
    ['level=table', 'level'],
    ['page=0', 'page'],
    ['page=-2', 'page'],
    ['page=1e3', 'page'],
    ['date=2026-02-30', 'date'],
    ['threshold=-1', 'threshold'],
    ['threshold=ten', 'threshold'],
    ['change=renamed', 'change'],
    [`tag=${'x'.repeat(65)}`, 'tag'],
    ['capacity_level=table', 'capacityLevel'],
    ['capacity_page=0', 'capacityPage'],
  ] as const)('falls back to the default for %s', (query, field) => {
    expect(parse(query)[field]).toEqual(DEFAULT_FLEET_VIEW[field]);
  });

  it('sends the rankings back to page 1 when their filter changes, and keeps the page otherwise', () => {
    const onPage3 = { ...DEFAULT_FLEET_VIEW, page: 3, changesPage: 2 };
    expect(changeFleetView(onPage3, { metric: 'size' })).toMatchObject({ metric: 'size', page: 1 });
    expect(changeFleetView(onPage3, { top: 5 })).toMatchObject({ top: 5, page: 3, changesPage: 2 });
    expect(changeFleetView(onPage3, { page: 4 }).page).toBe(4);
  });

  it('sends the changes back to page 1 when their filter changes; an engine filter resets both tables', () => {
    const onPages = { ...DEFAULT_FLEET_VIEW, page: 3, changesPage: 2 };
    expect(changeFleetView(onPages, { threshold: 50 })).toMatchObject({ page: 3, changesPage: 1 });
    expect(changeFleetView(onPages, { engine: 'oracle' })).toMatchObject({ page: 1, changesPage: 1 });
    expect(changeFleetView(onPages, { engine: '' })).toMatchObject({ page: 3, changesPage: 2 });
  });

  it('sends "fills first" back to page 1 when its level or a filter changes, and keeps its page otherwise', () => {
    const onPages = { ...DEFAULT_FLEET_VIEW, page: 3, capacityPage: 5 };
    expect(changeFleetView(onPages, { capacityLevel: 'instance' })).toMatchObject({ page: 3, capacityPage: 1 });
    expect(changeFleetView(onPages, { tag: 'prod' })).toMatchObject({ page: 1, capacityPage: 1 });
    expect(changeFleetView(onPages, { metric: 'size' })).toMatchObject({ page: 1, capacityPage: 5 });
    expect(changeFleetView(onPages, { capacityPage: 6 }).capacityPage).toBe(6);
  });
});
