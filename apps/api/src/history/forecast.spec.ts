import { forecast } from './forecast';

const MiB = 1024 * 1024;
const day = (offset: number) => new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);

describe('forecast', () => {
  it('fits the line through exact linear points and projects at +30 and +90 days', () => {
    const points = Array.from({ length: 10 }, (_, k) => ({ date: day(k), bytes: (500 + 2.5 * k) * MiB }));
    expect(forecast('db', points)).toEqual({
      database_name: 'db',
      points_used: 10,
      slope_mb_per_day: 2.5,
      projections: [
        { days: 30, date: day(39), size_mb: 500 + 2.5 * 39 },
        { days: 90, date: day(99), size_mb: 500 + 2.5 * 99 },
      ],
      enough_history: true,
      message: 'linear fit over 10 daily points of database db from 2026-01-01 to 2026-01-10',
    });
  });

  it('uses the day numbers, not the point index, when days are missing', () => {
    // Days 0, 1, 2, 10, 11, 12, 20 on y = 100 + 1·x: gaps do not bend the slope.
    const points = [0, 1, 2, 10, 11, 12, 20].map((x) => ({ date: day(x), bytes: (100 + x) * MiB }));
    const answer = forecast(null, points, [10]);
    expect(answer.slope_mb_per_day).toBe(1);
    expect(answer.projections).toEqual([{ days: 10, date: day(30), size_mb: 130 }]);
  });

  it('computes the least-squares slope of noisy points by hand', () => {
    // x = 0..6, y = [10, 12, 11, 15, 14, 18, 17] MiB: x̄ = 3, ȳ = 97/7; Σ(x−x̄)(y−ȳ) = −30 − 24 − 11 + 0 + 14 + 36 + 51 = 36,
    // Σ(x−x̄)² = 28 → 36/28 = 1.2857 MiB/day; intercept 97/7 − (9/7)·3 = 10; at x = 6 + 30: 10 + (9/7)·36 = 56.29.
    const ys = [10, 12, 11, 15, 14, 18, 17];
    const answer = forecast('n', ys.map((y, x) => ({ date: day(x), bytes: y * MiB })), [30]);
    expect(answer.slope_mb_per_day).toBe(1.2857);
    expect(answer.projections[0].size_mb).toBe(56.29);
  });

  it('keeps only the last 90 points', () => {
    const points = Array.from({ length: 120 }, (_, k) => ({ date: day(k), bytes: (k < 30 ? 5000 : 100 + k) * MiB }));
    const answer = forecast('db', points.reverse(), [1]);
    expect(answer.points_used).toBe(90);
    expect(answer.slope_mb_per_day).toBe(1);
  });

  it('answers not enough history below 7 points, with no numbers', () => {
    const answer = forecast(null, Array.from({ length: 6 }, (_, k) => ({ date: day(k), bytes: MiB })));
    expect(answer).toEqual({
      database_name: null,
      points_used: 6,
      slope_mb_per_day: null,
      projections: [],
      enough_history: false,
      message: 'not enough history to forecast the instance total: 6 daily point(s), at least 7 needed',
    });
  });

  it('never projects a negative size', () => {
    const points = Array.from({ length: 7 }, (_, k) => ({ date: day(k), bytes: (70 - 10 * k) * MiB }));
    expect(forecast('shrinking', points, [30]).projections[0].size_mb).toBe(0);
  });
});
