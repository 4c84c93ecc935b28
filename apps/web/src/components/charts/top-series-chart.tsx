import { useState } from 'react';
import { Area, Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '../../i18n';
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
const TEXT_COLOR = '#212529';
/** A hidden series' legend entry: dimmed, still 4.5:1 on white. */
const HIDDEN_TEXT_COLOR = '#6c757d';
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
  const { t } = useI18n();
  const valueOf = (key: string) => (row: StackedRow) => row.values[key] ?? 0;
  const colorOf = (key: string, index: number) => (key === othersKey ? OTHERS_COLOR : colorAt(index));
  const dots = data.rows.length < 40;
  const rankOf = new Map(data.lines.map((line, i) => [line.label, i]));
  // A click on a legend entry hides its series (and rescales the axis): the top groups can be read beside a large total.
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const keyOfLabel = new Map([...data.lines, data.total].map((line) => [line.label, line.key]));
  const toggle = (label: unknown) => {
    const key = keyOfLabel.get(String(label));
    if (key === undefined) return;
    setHidden((current) => {
      const next = new Set(current);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  };
  return (
    <div data-testid={testId} style={{ width: '100%' }}>
      {/* The initial size draws the chart before the first resize observation (and in tests without layout). */}
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 800, height }}>
        <ComposedChart data={data.rows} margin={{ top: 10, right: 20, bottom: 0, left: 10 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e9ecef" />
          <XAxis dataKey="date" tickFormatter={format.date} minTickGap={24} />
          <YAxis tickFormatter={(v: number) => format.value(v)} width={80} />
          {/* Text in the text colour (series colours are too light for 4.5:1); the swatches keep the series colour. */}
          <Tooltip
            labelFormatter={(label) => format.date(String(label))}
            formatter={(value) => format.value(Number(value))}
            itemStyle={{ color: TEXT_COLOR }}
          />
          {/* In rank order, the total last (recharts sorts by label otherwise). */}
          <Legend
            itemSorter={(item) => rankOf.get(String(item.value)) ?? data.lines.length}
            onClick={(entry) => toggle(entry.value)}
            wrapperStyle={{ cursor: 'pointer' }}
            formatter={(value, entry) => <span style={{ color: entry.inactive ? HIDDEN_TEXT_COLOR : TEXT_COLOR }}>{value}</span>}
          />
          {data.lines.map((line, i) => {
            const color = colorOf(line.key, i);
            if (kind === 'bars') return <Bar key={line.key} dataKey={valueOf(line.key)} name={line.label} hide={hidden.has(line.key)} stackId="groups" fill={color} isAnimationActive={false} />;
            if (kind === 'lines') return <Line key={line.key} type="monotone" dataKey={valueOf(line.key)} name={line.label} hide={hidden.has(line.key)} stroke={color} dot={dots} isAnimationActive={false} />;
            return (
              <Area key={line.key} type="monotone" dataKey={valueOf(line.key)} name={line.label} hide={hidden.has(line.key)} stackId="groups" stroke={color} fill={color} fillOpacity={0.35} isAnimationActive={false} />
            );
          })}
          <Line
            type="monotone"
            dataKey={valueOf(data.total.key)}
            name={data.total.label}
            hide={hidden.has(data.total.key)}
            stroke={TOTAL_COLOR}
            strokeWidth={2}
            strokeDasharray="6 3"
            dot={dots}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
      <p className="muted chart-hint">{t('chart.legendHint')}</p>
    </div>
  );
}
