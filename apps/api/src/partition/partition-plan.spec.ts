import { missingMonths, monthsAhead, monthsToRescue } from './partition-plan';

describe('partition plan', () => {
  it('plans the current month and the premake months after it, across a year end', () => {
    expect(monthsAhead('2026-11', 3)).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsAhead('2026-11', 0)).toEqual(['2026-11']);
    expect(() => monthsAhead('2026-11', -1)).toThrow(RangeError);
  });

  it('lists only the months that have no partition', () => {
    const wanted = monthsAhead('2026-11', 3);
    expect(missingMonths(wanted, ['2026-11', '2027-01'])).toEqual(['2026-12', '2027-02']);
    expect(missingMonths(wanted, wanted)).toEqual([]);
  });

  it('rescues default rows up to the end of the premake window, past months included', () => {
    const inDefault = ['2027-06', '2025-03', '2027-02', '2027-03'];
    expect(monthsToRescue(inDefault, '2026-11', 3)).toEqual(['2025-03', '2027-02']);
  });
});
