import { buildSeries } from './fleet-series';
import type { SeriesRow } from './fleet.repository';

const row = (part: SeriesRow['part'], fields: Partial<SeriesRow>): SeriesRow => ({
  part,
  rank: null,
  period_start: null,
  size_bytes: '0',
  instance_id: null,
  database_name: null,
  key_text: null,
  instance_name: null,
  instance_db_type: null,
  ...fields,
});

describe('buildSeries', () => {
  const totals = [row('total', { period_start: '2026-03-02', size_bytes: '1000' }), row('total', { period_start: '2026-03-01', size_bytes: '900' })];

  it('gives every top group a point per period, 0 where it has no reading, and the others as total minus the top', () => {
    const parts = buildSeries('daily', 'instance', [
      ...totals,
      row('group', { rank: 2, size_bytes: '300', instance_id: 7, instance_name: 'seven', instance_db_type: 'mysql' }),
      row('group', { rank: 1, size_bytes: '500', instance_id: 3, instance_name: 'three', instance_db_type: 'oracle' }),
      row('point', { rank: 1, period_start: '2026-03-01', size_bytes: '450' }),
      row('point', { rank: 1, period_start: '2026-03-02', size_bytes: '500' }),
      row('point', { rank: 2, period_start: '2026-03-02', size_bytes: '300' }),
    ]);
    expect(parts.periods).toEqual([
      { period_start: '2026-03-01', period_end: '2026-03-01' },
      { period_start: '2026-03-02', period_end: '2026-03-02' },
    ]);
    expect(parts.series.map((group) => [group.rank, group.key, group.label, group.instance, group.score_bytes])).toEqual([
      [1, 'instance:3', 'three', { id: 3, name: 'three', db_type: 'oracle' }, 500],
      [2, 'instance:7', 'seven', { id: 7, name: 'seven', db_type: 'mysql' }, 300],
    ]);
    expect(parts.series[1].points.map((point) => point.size_bytes)).toEqual([0, 300]);
    expect(parts.others.map((point) => point.size_bytes)).toEqual([450, 200]);
    expect(parts.total).toEqual([
      { period_start: '2026-03-01', size_bytes: 900, size_mb: 0 },
      { period_start: '2026-03-02', size_bytes: 1000, size_mb: 0 },
    ]);
  });

  it('takes the others of overlapping tag groups from their own rows and names the untagged group', () => {
    const parts = buildSeries('monthly', 'tag', [
      ...totals,
      row('group', { rank: 1, size_bytes: '800', key_text: 'prod' }),
      row('group', { rank: 2, size_bytes: '400', key_text: null }),
      row('others', { period_start: '2026-03-02', size_bytes: '50' }),
    ]);
    expect(parts.series.map((group) => [group.key, group.label, group.tag])).toEqual([
      ['tag:prod', 'prod', 'prod'],
      ['untagged', '(untagged)', null],
    ]);
    expect(parts.others.map((point) => point.size_bytes)).toEqual([0, 50]);
    expect(parts.periods[0]).toEqual({ period_start: '2026-03-01', period_end: '2026-03-31' });
  });

  it('keys a database by its instance and names both', () => {
    const [group] = buildSeries('daily', 'database', [
      ...totals,
      row('group', { rank: 1, size_bytes: '9', instance_id: 4, database_name: 'orders', instance_name: 'four', instance_db_type: 'postgresql' }),
    ]).series;
    expect(group).toMatchObject({ key: 'database:4/orders', label: 'four / orders', database_name: 'orders', instance: { id: 4 } });
  });

  it('answers no periods and no groups without readings', () => {
    expect(buildSeries('daily', 'db_type', [])).toEqual({ periods: [], series: [], others: [], total: [] });
  });
});
