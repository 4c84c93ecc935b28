import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { StackedRow, StackedSeries } from './chart-data';
import { colorAt } from './palette';
import type { ChartFormatters } from './total-size-chart';

export type SeriesChartKind = 'area' | 'line' | 'bar';

/** Several named series over dates: stacked areas, lines, or bars. Takes plain rows. */
export function SeriesChart({
  series,
  kind,
  stacked = false,
  format,
  height = 320,
  testId,
}: {
  series: StackedSeries;
  kind: SeriesChartKind;
  stacked?: boolean;
  format: ChartFormatters;
  height?: number;
  testId?: string;
}) {
  const valueOf = (key: string) => (row: StackedRow) => row.values[key] ?? 0;
  const common = (
    <>
      <CartesianGrid strokeDasharray="3 3" stroke="#e9ecef" />
      <XAxis dataKey="date" tickFormatter={format.date} minTickGap={24} />
      <YAxis tickFormatter={(v: number) => format.value(v)} width={80} />
      <Tooltip labelFormatter={(label) => format.date(String(label))} formatter={(value) => format.value(Number(value))} />
      <Legend />
    </>
  );
  const stackId = stacked ? 'total' : undefined;
  const margin = { top: 10, right: 20, bottom: 0, left: 10 };

  let chart;
  if (kind === 'bar') {
    chart = (
      <BarChart data={series.rows} margin={margin}>
        {common}
        {series.keys.map((key, i) => (
          <Bar key={key} dataKey={valueOf(key)} name={key} stackId={stackId} fill={colorAt(i)} isAnimationActive={false} />
        ))}
      </BarChart>
    );
  } else if (kind === 'line') {
    chart = (
      <LineChart data={series.rows} margin={margin}>
        {common}
        {series.keys.map((key, i) => (
          <Line key={key} type="monotone" dataKey={valueOf(key)} name={key} stroke={colorAt(i)} dot={series.rows.length < 40} isAnimationActive={false} />
        ))}
      </LineChart>
    );
  } else {
    chart = (
      <AreaChart data={series.rows} margin={margin}>
        {common}
        {series.keys.map((key, i) => (
          <Area key={key} type="monotone" dataKey={valueOf(key)} name={key} stackId={stackId} stroke={colorAt(i)} fill={colorAt(i)} fillOpacity={0.35} isAnimationActive={false} />
        ))}
      </AreaChart>
    );
  }
  return (
    <div data-testid={testId} style={{ width: '100%', height }}>
      <ResponsiveContainer width="100%" height={height}>
        {chart}
      </ResponsiveContainer>
    </div>
  );
}
