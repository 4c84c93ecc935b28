import { pastRetention, retentionKeepFrom } from './partition-retention';

const partitions = (...months: string[]) => months.map((month) => ({ name: month, month }));

describe('retention cut-off', () => {
  it('keeps the current month and the retention months before it', () => {
    expect(retentionKeepFrom('2026-11', 12)).toBe('2025-11');
    expect(retentionKeepFrom('2026-01', 1)).toBe('2025-12');
  });

  it('drops only partitions entirely older than the retention, oldest first', () => {
    const all = partitions('2026-12', '2025-11', '2025-09', '2026-11', '2025-10', '2024-01');
    expect(pastRetention(all, '2026-11', 12).map((p) => p.name)).toEqual(['2024-01', '2025-09', '2025-10']);
  });

  it('never selects the current month or a future one, even with a retention of one month', () => {
    const all = partitions('2026-09', '2026-10', '2026-11', '2026-12', '2027-05');
    expect(pastRetention(all, '2026-11', 1).map((p) => p.name)).toEqual(['2026-09']);
  });

  it('refuses a retention below one month', () => {
    expect(() => retentionKeepFrom('2026-11', 0)).toThrow(RangeError);
  });
});
