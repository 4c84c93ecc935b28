import { useMemo } from 'react';
import { aggregationsToPoints, OTHER_KEY, type GroupMode } from '../../../components/charts/chart-data';
import { TopSeriesChart, type TopSeriesKind } from '../../../components/charts/top-series-chart';
import { useChartFormat } from '../../../components/charts/use-chart-format';
import { QueryView } from '../../../components/states';
import { useFormat } from '../../../components/use-format';
import { useI18n } from '../../../i18n';
import { fleetChartData, OTHERS_KEY, useFleetSeries } from '../../fleet';
import { useAllAggregations, type AggregationsFilter } from '../api/aggregations';
import { pointsChartData } from './trend-chart-data';

const TOP = 10;
const CHART_HEIGHT = 420;

/** The whole fleet (or an engine, a database name): the fleet series, computed in SQL with its true total. */
function FleetTrend({ filter, mode, kind }: { filter: AggregationsFilter; mode: GroupMode; kind: TopSeriesKind }) {
  const { t } = useI18n();
  const format = useChartFormat();
  const series = useFleetSeries({
    period_type: filter.period_type,
    start_date: filter.start_date,
    end_date: filter.end_date,
    db_type: filter.db_type,
    database_name: filter.database_name,
    group_by: mode,
    rank_by: 'size',
    top: TOP,
  });
  const labels = { others: t('fleet.others'), total: t('fleet.total') };
  return (
    <QueryView query={series} isEmpty={(answer) => answer.data.periods.length === 0} empty={t('agg.empty')}>
      {(answer) => (
        <>
          <TopSeriesChart data={fleetChartData(answer.data, labels)} kind={kind} othersKey={OTHERS_KEY} format={format} height={CHART_HEIGHT} testId="aggregations-chart" />
          <p className="muted">{t(`fleet.measure.${answer.data.measure}`)}</p>
        </>
      )}
    </QueryView>
  );
}

/** One instance: every aggregation row of the filter, read page after page (an instance has few enough). */
function InstanceTrend({ filter, mode, kind }: { filter: AggregationsFilter; mode: GroupMode; kind: TopSeriesKind }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const format = useChartFormat();
  const all = useAllAggregations(filter, true);
  const rows = all.data?.rows;
  const data = useMemo(
    () => pointsChartData(aggregationsToPoints(rows ?? []), mode, { others: t('fleet.others'), total: t('fleet.total') }, TOP + 1),
    [rows, mode, t],
  );
  return (
    <QueryView query={all} isEmpty={(answer) => answer.rows.length === 0} empty={t('agg.empty')}>
      {(answer) => (
        <>
          <TopSeriesChart data={data} kind={kind} othersKey={OTHER_KEY} format={format} height={CHART_HEIGHT} testId="aggregations-chart" />
          {answer.complete ? null : (
            <p className="notice" role="status" data-testid="aggregations-chart-partial">
              {t('agg.partial', { shown: fmt.number(answer.rows.length), total: fmt.number(answer.total) })}
            </p>
          )}
          <p className="muted">{t('fleet.measure.database_size')}</p>
        </>
      )}
    </QueryView>
  );
}

/** The "Aggregated trend": drawn from complete data only, never from a capped page. */
export function TrendChart({ filter, mode, kind }: { filter: AggregationsFilter; mode: GroupMode; kind: TopSeriesKind }) {
  return filter.instance_id === undefined ? <FleetTrend filter={filter} mode={mode} kind={kind} /> : <InstanceTrend filter={filter} mode={mode} kind={kind} />;
}
