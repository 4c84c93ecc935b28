import { StatCards } from '../../../components/stat-cards';
import { useFormat } from '../../../components/use-format';
import { useI18n } from '../../../i18n';
import type { AggregationSummaryResponse } from '../../../lib/api-types';

export function SummaryCards({ summary }: { summary: AggregationSummaryResponse['data'] }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const growth =
    summary.growth_30d_mb === null
      ? '—'
      : `${fmt.signedBytes(summary.growth_30d_mb * 1024 * 1024)}${summary.growth_30d_percent === null ? '' : ` (${fmt.percent(summary.growth_30d_percent)})`}`;
  const cards = [
    { label: t('agg.instances'), value: fmt.number(summary.total_instances), id: 'instances' },
    { label: t('agg.databases'), value: fmt.number(summary.total_databases), id: 'databases' },
    { label: t('agg.totalSize'), value: fmt.mb(summary.total_size_mb), id: 'total-size' },
    { label: t('agg.growth30d'), value: growth, id: 'growth' },
    ...(summary.unsized_instances > 0 ? [{ label: t('agg.unsizedInstances'), value: fmt.number(summary.unsized_instances), id: 'unsized' }] : []),
  ];
  return (
    <>
      <p className="muted" data-testid="summary-as-of">
        {summary.latest_date === null ? t('agg.asOfNone') : t('agg.asOf', { date: fmt.date(summary.latest_date) })}
      </p>
      <StatCards cards={cards} testIdPrefix="summary-" />
      {summary.unsized_instances > 0 ? (
        <p className="muted" data-testid="summary-unsized-hint">
          {t('agg.unsizedHint')}
        </p>
      ) : null}
    </>
  );
}
