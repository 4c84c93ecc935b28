import { humanBytes, summaries } from './alert-summaries';

const GIB = 1024 ** 3;

describe('alert summaries', () => {
  it('writes sizes in binary units with 2 decimals, bytes as they are', () => {
    expect(humanBytes(20 * GIB)).toBe('20.00 GiB');
    expect(humanBytes(512)).toBe('512 B');
    expect(humanBytes(-1.5 * 1024 ** 2)).toBe('-1.50 MiB');
  });

  it('tells the growth against its baseline', () => {
    expect(summaries.growth(66 * GIB, '2026-11-27', 86 * GIB, '2026-11-30')).toBe('grew 30.30 %, +20.00 GiB from 66.00 GiB on 2026-11-27 to 86.00 GiB on 2026-11-30');
    expect(summaries.growth(0, '2026-11-27', GIB, '2026-11-30')).toBe('grew +1.00 GiB from 0 B on 2026-11-27 to 1.00 GiB on 2026-11-30');
  });

  it('tells a jump or a drop day over day', () => {
    expect(summaries.suddenChange(10 * GIB, 5 * GIB, '2026-11-30', 'both')).toBe('dropped -50.00 % day over day: 10.00 GiB → 5.00 GiB on 2026-11-30');
    expect(summaries.suddenChange(GIB, 3 * GIB, '2026-11-30', 'up')).toBe('jumped 200.00 % day over day: 1.00 GiB → 3.00 GiB on 2026-11-30 (watching jumps)');
  });

  it('tells the days to full, and a full target', () => {
    expect(summaries.daysToFull(12.5, 30, '2026-12-13')).toBe('full in 12.5 days (about 2026-12-13), fewer than 30');
    expect(summaries.daysToFull(0, 30, '2026-11-30')).toBe('full: the size has reached the limit');
  });

  it('tells failing collections with the last error', () => {
    expect(summaries.collectionFailing(1, null)).toBe('collection failed 1 run in a row');
    expect(summaries.collectionFailing(3, 'ECONNREFUSED')).toBe('collection failed 3 runs in a row; last error: ECONNREFUSED');
  });
});
