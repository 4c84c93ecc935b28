import { useI18n } from '../i18n';
import type { AggregationItem } from '../lib/api-types';
import type { TableColumn } from './data-table';
import { useFormat } from './use-format';

/** The headers of the cells AggregationCells renders, in the same order. */
export function useAggregationColumns(): TableColumn[] {
  const { t } = useI18n();
  return [
    { label: t('agg.periodStart') },
    { label: t('agg.avg'), numeric: true },
    { label: t('agg.max'), numeric: true },
    { label: t('agg.min'), numeric: true },
    { label: t('agg.change'), numeric: true },
    { label: t('agg.changePercent'), numeric: true },
    { label: t('agg.growthRate'), numeric: true },
  ];
}

/** One aggregation item's period and figures, as table cells. */
export function AggregationCells({ item }: { item: AggregationItem }) {
  const fmt = useFormat();
  const { statistics } = item;
  return (
    <>
      <td>
        {fmt.date(item.period_start)}
        {item.period_end !== item.period_start ? ` – ${fmt.date(item.period_end)}` : ''}
      </td>
      <td className="num">{fmt.mb(statistics.avg_size_mb)}</td>
      <td className="num">{fmt.mb(statistics.max_size_mb)}</td>
      <td className="num">{fmt.mb(statistics.min_size_mb)}</td>
      <td className="num">{statistics.size_change_mb === null ? '—' : fmt.signedBytes(statistics.size_change_mb * 1024 * 1024)}</td>
      <td className="num">{fmt.percent(statistics.size_change_percent)}</td>
      <td className="num">{fmt.percent(statistics.growth_rate)}</td>
    </>
  );
}
