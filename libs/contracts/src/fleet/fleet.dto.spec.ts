import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { FleetChangesQueryDto, FleetRankingsQueryDto, FleetSeriesQueryDto } from './fleet.dto';

type Dto = typeof FleetSeriesQueryDto | typeof FleetRankingsQueryDto | typeof FleetChangesQueryDto;
const fieldsOf = async (cls: Dto, plain: object): Promise<string[]> =>
  (await validate(plainToInstance(cls, plain), { whitelist: true, forbidNonWhitelisted: true })).map((error) => error.property);

describe('fleet query DTOs', () => {
  it('defaults every choice', () => {
    expect({ ...plainToInstance(FleetSeriesQueryDto, {}) }).toEqual({ period_type: 'daily', group_by: 'instance', top: 10, rank_by: 'size' });
    expect({ ...plainToInstance(FleetRankingsQueryDto, {}) }).toEqual({ page: 1, per_page: 20, metric: 'growth_bytes', window_days: 30, level: 'database' });
    expect({ ...plainToInstance(FleetChangesQueryDto, {}) }).toEqual({ page: 1, per_page: 20, threshold_percent: 10 });
  });

  it.each([
    [{ group_by: 'schema' }, 'group_by'],
    [{ rank_by: 'speed' }, 'rank_by'],
    [{ period_type: 'hourly' }, 'period_type'],
    [{ top: '0' }, 'top'],
    [{ top: '51' }, 'top'],
    [{ top: '0x10' }, 'top'],
    [{ tag: '' }, 'tag'],
    [{ database_name: null }, 'database_name'],
  ])('FleetSeriesQueryDto refuses %j', async (plain, field) => {
    expect(await fieldsOf(FleetSeriesQueryDto, plain)).toEqual([field]);
  });

  it('reads top, window_days and threshold_percent from query text', () => {
    expect(plainToInstance(FleetSeriesQueryDto, { top: '50' }).top).toBe(50);
    expect(plainToInstance(FleetRankingsQueryDto, { window_days: '90' }).window_days).toBe(90);
    expect(plainToInstance(FleetChangesQueryDto, { threshold_percent: '2.5' }).threshold_percent).toBe(2.5);
  });

  it.each([['5'], ['30.0'], ['week'], ['-7']])('FleetRankingsQueryDto refuses window_days=%j', async (windowDays) => {
    expect(await fieldsOf(FleetRankingsQueryDto, { window_days: windowDays })).toEqual(['window_days']);
  });

  it.each([[{ metric: 'fastest' }, 'metric'], [{ level: 'table' }, 'level'], [{ as_of: '2026-02-30' }, 'as_of'], [{ page: '0' }, 'page']])(
    'FleetRankingsQueryDto refuses %j',
    async (plain, field) => {
      expect(await fieldsOf(FleetRankingsQueryDto, plain)).toEqual([field]);
    },
  );

  it.each([['-1'], ['1e3'], ['ten'], ['1000001'], [' 5']])('FleetChangesQueryDto refuses threshold_percent=%j', async (threshold) => {
    expect(await fieldsOf(FleetChangesQueryDto, { threshold_percent: threshold })).toEqual(['threshold_percent']);
  });

  it('FleetChangesQueryDto refuses an unknown change kind and a bad date', async () => {
    expect(await fieldsOf(FleetChangesQueryDto, { change: 'renamed', date: 'yesterday' })).toEqual(['date', 'change']);
  });
});
