import { evenTicks } from './total-size-chart';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

describe('evenTicks', () => {
  it('spreads whole-day ticks over the range', () => {
    // 2026-01-01 .. 2026-01-29 is 28 days: 8 ticks → every 4 days.
    const ticks = evenTicks([day('2026-01-01'), day('2026-01-15'), day('2026-01-29')], 8);
    expect(ticks.map((t) => new Date(t).toISOString().slice(0, 10))).toEqual([
      '2026-01-01', '2026-01-05', '2026-01-09', '2026-01-13', '2026-01-17', '2026-01-21', '2026-01-25', '2026-01-29',
    ]);
  });

  it('never steps by less than a day', () => {
    expect(evenTicks([day('2026-01-01'), day('2026-01-02')], 8)).toEqual([day('2026-01-01'), day('2026-01-02')]);
    expect(evenTicks([], 8)).toEqual([]);
  });
});
