import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ForecastRow } from './chart-data';

export interface ChartFormatters {
  value: (bytes: number) => string;
  date: (isoDate: string) => string;
}

/** Total size as an area, with an optional dashed forecast line and the capacity limit as a horizontal line. Takes plain rows. */
export function TotalSizeChart({
  rows,
  format,
  labels,
  height = 320,
  testId,
  limit = null,
}: {
  rows: ForecastRow[];
  format: ChartFormatters;
  /** `limit`: the limit line's label (given the formatted limit). */
  labels: { actual: string; forecast: string; limit?: (limit: string) => string };
  /** The capacity limit in bytes (null: none known): the axis reaches up to it. */
  limit?: number | null;
  height?: number;
  testId?: string;
}) {
  const hasForecast = rows.some((row) => row.forecast !== undefined);
  // A time axis: the forecast's far dates sit at their true distance from the readings.
  const data = rows.map((row) => ({ ...row, ts: Date.parse(`${row.date}T00:00:00Z`) }));
  const dateOf = (ms: unknown) => format.date(new Date(Number(ms)).toISOString().slice(0, 10));
  const ticks = evenTicks(data.map((row) => row.ts), 8);
  return (
    <div data-testid={testId} style={{ width: '100%', height }}>
      {/* A first size before the container measures itself (and where it cannot: jsdom). */}
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 800, height }}>
        <ComposedChart data={data} margin={{ top: 10, right: 20, bottom: 0, left: 10 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e9ecef" />
          <XAxis dataKey="ts" type="number" scale="time" domain={['dataMin', 'dataMax']} ticks={ticks} tickFormatter={dateOf} minTickGap={32} />
          <YAxis tickFormatter={(v: number) => format.value(v)} width={80} />
          <Tooltip labelFormatter={dateOf} formatter={(value) => format.value(Number(value))} />
          <Legend />
          <Area type="monotone" dataKey="actual" name={labels.actual} stroke="#3b5bdb" fill="#3b5bdb" fillOpacity={0.2} isAnimationActive={false} connectNulls />
          {hasForecast ? (
            <Line type="linear" dataKey="forecast" name={labels.forecast} stroke="#e8590c" strokeDasharray="6 4" dot={false} isAnimationActive={false} connectNulls />
          ) : null}
          {limit === null ? null : (
            <ReferenceLine
              y={limit}
              stroke="#c92a2a"
              strokeDasharray="4 2"
              ifOverflow="extendDomain"
              label={{ value: labels.limit?.(format.value(limit)) ?? format.value(limit), position: 'insideTopRight', fill: '#c92a2a', fontSize: 12 }}
            />
          )}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

const DAY_MS = 86_400_000;

/** About `count` whole-day ticks spread over the range (a time axis only ticks data points otherwise). */
export function evenTicks(times: number[], count: number): number[] {
  if (times.length === 0) return [];
  const min = Math.min(...times);
  const max = Math.max(...times);
  const step = Math.max(DAY_MS, Math.round((max - min) / Math.max(1, count - 1) / DAY_MS) * DAY_MS);
  const ticks: number[] = [];
  for (let t = min; t <= max; t += step) ticks.push(t);
  return ticks;
}
