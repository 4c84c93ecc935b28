import { useMemo } from 'react';
import { aggregationsToPoints, latestPerDatabase, toStackedSeries } from '../../../components/charts/chart-data';
import { SeriesChart } from '../../../components/charts/series-chart';
import { AggregationCells, useAggregationColumns } from '../../../components/aggregation-cells';
import { DataTable } from '../../../components/data-table';
import { QueryView } from '../../../components/states';
import type { InstanceResponse } from '../../../lib/api-types';
import { addDays, today } from '../../../lib/dates';
import { useFormat } from '../../../components/use-format';
import { useI18n } from '../../../i18n';
import { useInstanceAggregations } from '../api/storage';
import { useChartFormat } from '../../../components/charts/use-chart-format';
import { PERIOD_LOOKBACK_DAYS, PeriodSelect } from '../../../components/period-select';
import { useStorageView } from './use-storage-view';

/** Avg/max/min and growth per database for the chosen period type, with the growth chart. */
export function AggregationView({ instance, database }: { instance: InstanceResponse; database?: string }) {
  const { t } = useI18n();
  const chartFormat = useChartFormat();
  const fmt = useFormat();
  const aggregationColumns = useAggregationColumns();
  const [{ period }, update] = useStorageView();
  const end = today();
  const query = useInstanceAggregations(instance.id, {
    period_type: period,
    start_date: addDays(end, -PERIOD_LOOKBACK_DAYS[period]),
    end_date: end,
    database_name: database,
  });
  const items = query.data?.rows;
  const summary = useMemo(() => latestPerDatabase(items ?? []), [items]);
  const series = useMemo(() => toStackedSeries(aggregationsToPoints(items ?? []), 'database', 8), [items]);

  return (
    <section className="card">
      <div className="card-header">
        <h2>{t('storage.aggregations')}</h2>
        <PeriodSelect value={period} onChange={(next) => update({ period: next })} />
      </div>
      <QueryView query={query} isEmpty={(all) => all.rows.length === 0} empty={t('agg.empty')}>
        {(all) => (
          <>
            <h3 className="muted">{t('storage.growth')}</h3>
            {all.complete ? null : (
              <p className="notice" role="status" data-testid="aggregation-chart-partial">
                {t('agg.partial', { shown: fmt.number(all.rows.length), total: fmt.number(all.total) })}
              </p>
            )}
            <SeriesChart series={series} kind={period === 'daily' ? 'line' : 'bar'} format={chartFormat} height={280} testId="aggregation-chart" />
            <DataTable
              testId="aggregations-table"
              columns={[
                { label: t('storage.database') },
                ...aggregationColumns,
              ]}
            >
              {summary.map((item) => (
                <tr key={item.database_name}>
                  <td>{item.database_name}</td>
                  <AggregationCells item={item} />
                </tr>
              ))}
            </DataTable>
          </>
        )}
      </QueryView>
    </section>
  );
}
