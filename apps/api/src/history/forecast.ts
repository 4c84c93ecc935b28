import { addDays, daysBetween, type ForecastResponse } from '@capacity/contracts';
import { bytesToMb } from '../common/units';

export const FORECAST_WINDOW = 90;
export const FORECAST_MIN_POINTS = 7;
export const DEFAULT_HORIZONS = [30, 90];
const BYTES_PER_MB = 1024 * 1024;

export interface ForecastPoint {
  date: string;
  bytes: number;
}

/**
 * Least-squares line through the last 90 daily points (x = days, y = bytes) and its projection
 * `horizons` days after the last reading. Fewer than 7 points: no numbers, a clear message.
 */
export function forecast(databaseName: string | null, points: ForecastPoint[], horizons: number[] = DEFAULT_HORIZONS): ForecastResponse {
  const used = [...points].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)).slice(-FORECAST_WINDOW);
  const subject = databaseName === null ? 'the instance total' : `database ${databaseName}`;
  if (used.length < FORECAST_MIN_POINTS) {
    return {
      database_name: databaseName,
      points_used: used.length,
      slope_mb_per_day: null,
      projections: [],
      enough_history: false,
      message: `not enough history to forecast ${subject}: ${used.length} daily point(s), at least ${FORECAST_MIN_POINTS} needed`,
    };
  }
  const xs = used.map((point) => daysBetween(used[0].date, point.date));
  const ys = used.map((point) => point.bytes);
  const n = used.length;
  const meanX = xs.reduce((a, b) => a + b, 0) / n;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - meanX) * (ys[i] - meanY);
    sxx += (xs[i] - meanX) ** 2;
  }
  // All points on one day cannot happen (one reading per day), but keep the maths total.
  const slope = sxx === 0 ? 0 : sxy / sxx;
  const intercept = meanY - slope * meanX;
  const lastX = xs[n - 1];
  const lastDate = used[n - 1].date;
  return {
    database_name: databaseName,
    points_used: n,
    slope_mb_per_day: Math.round((slope / BYTES_PER_MB) * 10_000) / 10_000,
    projections: horizons.map((days) => ({
      days,
      date: addDays(lastDate, days),
      size_mb: bytesToMb(Math.max(0, intercept + slope * (lastX + days))) as number,
    })),
    enough_history: true,
    message: `linear fit over ${n} daily points of ${subject} from ${used[0].date} to ${lastDate}`,
  };
}
