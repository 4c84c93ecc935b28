import { FLEET_MAX_PERIODS } from '@capacity/contracts';
import { InvalidInputError } from '../common/domain-errors';
import { seriesRange } from './fleet-range';

describe('seriesRange', () => {
  it.each([
    ['daily', '2026-11-03', '2026-12-02', '2026-12-02'],
    ['weekly', '2026-09-14', '2026-11-30', '2026-12-06'],
    ['monthly', '2026-01-01', '2026-12-01', '2026-12-31'],
    ['quarterly', '2025-01-01', '2026-10-01', '2026-12-31'],
  ] as const)('covers the default span of %s periods ending with today', (type, firstStart, lastStart, lastEnd) => {
    expect(seriesRange(type, '2026-12-02')).toEqual({ firstStart, lastStart, lastEnd });
  });

  it('widens a given range to the whole periods holding its days', () => {
    expect(seriesRange('monthly', '2026-12-02', '2026-01-15', '2026-03-03')).toEqual({ firstStart: '2026-01-01', lastStart: '2026-03-01', lastEnd: '2026-03-31' });
    expect(seriesRange('weekly', '2026-12-02', '2026-11-04')).toEqual({ firstStart: '2026-11-02', lastStart: '2026-11-30', lastEnd: '2026-12-06' });
  });

  it(`takes up to ${FLEET_MAX_PERIODS} periods and refuses more, naming start_date`, () => {
    expect(seriesRange('daily', '2026-12-02', '2024-03-08', '2026-12-02').firstStart).toBe('2024-03-08'); // 1,000 days
    expect(() => seriesRange('daily', '2026-12-02', '2024-03-07', '2026-12-02')).toThrow(expect.objectContaining({ field: 'start_date' }));
  });

  it('refuses a start after today when end_date is left out', () => {
    expect(() => seriesRange('daily', '2026-12-02', '2026-12-03')).toThrow(InvalidInputError);
  });
});
