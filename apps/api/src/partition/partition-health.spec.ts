import { tableHealth } from './partition-health';
import { monthsAhead } from './partition-plan';

const base = { table: 'database_size_stats', current: '2026-11', premakeMonths: 3, defaultRowsByMonth: [] };

describe('partition health', () => {
  it('finds nothing when the current month and the premake months exist without holes', () => {
    expect(tableHealth({ ...base, months: ['2026-09', '2026-10', ...monthsAhead('2026-11', 3)] })).toEqual([]);
  });

  it('reports a missing current month and each missing future month', () => {
    const findings = tableHealth({ ...base, months: ['2026-10', '2026-12'] });
    expect(findings.map((f) => [f.kind, f.month])).toEqual([
      ['missing_current', '2026-11'],
      ['missing_future', '2027-01'],
      ['missing_future', '2027-02'],
    ]);
    expect(findings[0].message).toContain('database_size_stats');
  });

  it('reports rows stuck in the default partition per month with their count', () => {
    const findings = tableHealth({
      ...base,
      months: monthsAhead('2026-11', 3),
      defaultRowsByMonth: [{ month: '2031-01', rows: 2 }, { month: '2025-05', rows: 40 }],
    });
    expect(findings.map((f) => [f.kind, f.month])).toEqual([
      ['rows_in_default', '2025-05'],
      ['rows_in_default', '2031-01'],
    ]);
    expect(findings[0].message).toMatch(/^40 row\(s\) of 2025-05 sit in database_size_stats_default/);
  });

  it('reports one gap per hole between partitions, naming its months', () => {
    const months = ['2025-01', '2025-02', '2025-06', '2025-08', ...monthsAhead('2026-11', 3)];
    const gaps = tableHealth({ ...base, months }).filter((f) => f.kind === 'gap');
    expect(gaps.map((f) => f.month)).toEqual(['2025-03', '2025-07', '2025-09']);
    expect(gaps[0].message).toContain('2025-03 … 2025-05 (3 months)');
    expect(gaps[1].message).toContain('no partition for 2025-07 between 2025-06 and 2025-08');
    expect(gaps[2].message).toContain('(14 months)');
  });

  it('does not report a missing future month a second time as a gap', () => {
    const months = ['2026-11', '2026-12', '2027-02'];
    const findings = tableHealth({ ...base, months });
    expect(findings.map((f) => f.kind)).toEqual(['missing_future']);
    expect(findings[0].month).toBe('2027-01');
  });
});
