import { Area, Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { StackedRow } from './chart-data';
import { colorAt } from './palette';
import type { ChartFormatters } from './total-size-chart';

/** One drawn series: `key` names its figure in the rows, `label` is for people. */
export interface ChartLine {
  key: string;
  label: string;
}

/** Top groups (and the rest) over periods, with the total they belong to. */
export interface TopSeriesData {
  /** In rank order; "the others" last when there are any. */
  lines: ChartLine[];
  /** The total as the API gave it: a line of its own, never the sum of the drawn series. */
  total: ChartLine;
  rows: StackedRow[];
}

export type TopSeriesKind = 'stacked' | 'lines' | 'bars';

const TOTAL_COLOR = '#212529';
const OTHERS_COLOR = '#868e96';

/**
 * Top-N series with "others" and the total: stacked areas, lines or stacked bars; the total is always a dashed line
 * (for overlapping groups, such as tags, it may be less than the stack). Takes plain rows.
 */
export function TopSeriesChart({
  data,
  kind,
  othersKey,
  format,
  height = 360,
  testId,
}: {
  data: TopSeriesData;
  kind: TopSeriesKind;
  /** The key of the "others" series: drawn grey. */
  othersKey?: string;
  format: ChartFormatters;
  height?: number;
  testId?: string;
}) {
  const valueOf = (key: string) => (row: StackedRow) => row.values[key] ?? 0;
  const colorOf = (key: string, index: number) => (key === othersKey ? OTHERS_COLOR : colorAt(index));
  const dots = data.rows.length < 40;
  const rankOf = new Map(data.lines.map((line, i) => [line.label, i]));
  return (
    <div data-testid={testId} style={{ width: '100%', height }}>
      {/* The initial size draws the chart before the first resize observation (and in tests without layout). */}
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 800, height }}>
        <ComposedChart data={data.rows} margin={{ top: 10, right: 20, bottom: 0, left: 10 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e9ecef" />
          <XAxis dataKey="date" tickFormatter={format.date} minTickGap={24} />
          <YAxis tickFormatter={(v: number) => format.value(v)} width={80} />
          <Tooltip labelFormatter={(label) => format.date(String(label))} formatter={(value) => format.value(Number(value))} />
          {/* In rank order, the total last (recharts sorts by label otherwise). */}
          <Legend itemSorter={(item) => rankOf.get(String(item.value)) ?? data.lines.length} />
          {data.lines.map((line, i) => {
            const color = colorOf(line.key, i);
            if (kind === 'bars') return <Bar key={line.key} dataKey={valueOf(line.key)} name={line.label} stackId="groups" fill={color} isAnimationActive={false} />;
            if (kind === 'lines') return <Line key={line.key} type="monotone" dataKey={valueOf(line.key)} name={line.label} stroke={color} dot={dots} isAnimationActive={false} />;
            return (
              <Area key={line.key} type="monotone" dataKey={valueOf(line.key)} name={line.label} stackId="groups" stroke={color} fill={color} fillOpacity={0.35} isAnimationActive={false} />
            );
          })}
          <Line
            type="monotone"
            dataKey={valueOf(data.total.key)}
            name={data.total.label}
            stroke={TOTAL_COLOR}
            strokeWidth={2}
            strokeDasharray="6 3"
            dot={dots}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
