import { changesSql, rankingSql, seriesSql } from './fleet.repository';

const HOSTILE = `x'; DROP TABLE instances; --`;
const filter = { instanceIds: [1, 2], dbType: 'mysql' as const, tag: HOSTILE, databaseName: `50%_${HOSTILE}` };

describe('fleet statements', () => {
  it.each([
    ['series', seriesSql({ measure: 'database_size', groupBy: 'tag', rankBy: 'growth', periodType: 'daily', firstStart: '2026-03-01', lastStart: '2026-03-10', top: 5, filter })],
    ['rankings', rankingSql({ level: 'database', metric: 'growth_percent', asOf: '2026-03-10', thenDay: '2026-02-08', filter, limit: 20, offset: 40 })],
    ['changes', changesSql({ date: '2026-03-10', thresholdPercent: 10, change: 'changed', filter, limit: 20, offset: 0 })],
  ])('%s: user text only as bind parameters, the name filter as an escaped substring pattern', (_name, { text, values }) => {
    expect(text).not.toContain('DROP TABLE');
    expect(values).toContain(HOSTILE);
    expect(values).toContain(`%50\\%\\_${HOSTILE}%`);
    expect(text).toContain('ILIKE');
    // Every placeholder has its value.
    const placeholders = [...text.matchAll(/\$(\d+)/g)].map((match) => Number(match[1]));
    expect(Math.max(...placeholders)).toBe(values.length);
  });

  it('reads the instance rollups without a database filter, and joins the instances only when a filter or a grouping needs them', () => {
    const plain = seriesSql({ measure: 'instance_total', groupBy: 'instance', rankBy: 'size', periodType: 'monthly', firstStart: '2026-01-01', lastStart: '2026-03-01', top: 10, filter: { instanceIds: null } });
    expect(plain.text).toContain('instance_size_aggregations a');
    expect(plain.text).not.toContain('JOIN instances i ON');
    expect(plain.text).not.toContain('ILIKE');
    const byEngine = seriesSql({ measure: 'instance_total', groupBy: 'db_type', rankBy: 'size', periodType: 'monthly', firstStart: '2026-01-01', lastStart: '2026-03-01', top: 10, filter: { instanceIds: null } });
    expect(byEngine.text).toContain('JOIN instances i ON');
  });
});
