import { FLEET_GROUP_BYS } from '@capacity/contracts';
import { useMemo } from 'react';
import { ChartToggle } from '../../../components/charts/chart-toggle';
import { TopSeriesChart } from '../../../components/charts/top-series-chart';
import { useChartFormat } from '../../../components/charts/use-chart-format';
import { SelectField } from '../../../components/select-field';
import { QueryView } from '../../../components/states';
import { useFormat } from '../../../components/use-format';
import { useI18n, type I18nValue } from '../../../i18n';
import type { FleetGroupSeries, FleetSeries } from '../../../lib/api-types';
import { useFleetSeries, type FleetFilter } from '../api/fleet';
import { fleetChartData, OTHERS_KEY, type FleetChartMeasure } from './fleet-chart-data';
import { FLEET_CHART_MODES, FLEET_PERIODS, FLEET_TOPS, type FleetView } from './fleet-view';

const UNTAGGED_KEY = 'untagged';

/** The API's label, in the reader's words where it names an engine or no tag. */
function groupLabel(group: FleetGroupSeries, t: I18nValue['t']): string {
  if (group.db_type !== null) return t(`engine.${group.db_type}`);
  if (group.key === UNTAGGED_KEY) return t('fleet.untagged');
  return group.label;
}

function FleetSeriesChart({ series, measure, view, testId }: { series: FleetSeries; measure: FleetChartMeasure; view: FleetView; testId: string }) {
  const { t } = useI18n();
  const format = useChartFormat();
  const data = useMemo(() => fleetChartData(series, { others: t('fleet.others'), total: t('fleet.total'), group: (group) => groupLabel(group, t) }, measure), [series, measure, t]);
  // A change since the first period goes below 0 for what shrank: lines, not a stack.
  const kind = measure === 'growth' || view.chart === 'lines' ? 'lines' : 'stacked';
  return (
    <>
      <TopSeriesChart data={data} kind={kind} othersKey={OTHERS_KEY} format={format} testId={testId} />
      <p className="muted">
        {t(`fleet.measure.${series.measure}`)}
        {series.group_by === 'tag' ? ` ${t('fleet.tagOverlap')}` : ''}
      </p>
    </>
  );
}

/** The top-N size and growth charts with their controls (group, N, period, chart mode). */
export function FleetCharts({ view, filter, onChange }: { view: FleetView; filter: FleetFilter; onChange: (patch: Partial<FleetView>) => void }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const base = { ...filter, period_type: view.period, group_by: view.group, top: view.top };
  const bySize = useFleetSeries({ ...base, rank_by: 'size' });
  const byGrowth = useFleetSeries({ ...base, rank_by: 'growth' });
  const isEmpty = (answer: { data: FleetSeries }) => answer.data.periods.length === 0;

  return (
    <section className="card" data-testid="fleet-charts">
      <div className="card-header">
        <h2>{t('fleet.charts')}</h2>
        <div className="filters">
          <SelectField
            label={t('fleet.groupBy')}
            name="group"
            testId="fleet-group"
            value={view.group}
            options={FLEET_GROUP_BYS.map((group) => ({ value: group, label: t(`fleet.group.${group}`) }))}
            onChange={(group) => group && onChange({ group })}
          />
          <ChartToggle
            label={t('fleet.top')}
            testId="fleet-top"
            value={view.top}
            options={FLEET_TOPS.map((top) => ({ value: top, label: String(top) }))}
            onChange={(top) => onChange({ top })}
          />
          <SelectField
            label={t('storage.period')}
            name="period"
            testId="fleet-period"
            value={view.period}
            options={FLEET_PERIODS.map((period) => ({ value: period, label: t(`fleet.period.${period}`) }))}
            onChange={(period) => period && onChange({ period })}
          />
          <ChartToggle
            label={t('fleet.chartMode')}
            testId="fleet-chart-mode"
            value={view.chart}
            options={FLEET_CHART_MODES.map((chart) => ({ value: chart, label: t(`fleet.chart.${chart}`) }))}
            onChange={(chart) => onChange({ chart })}
          />
        </div>
      </div>
      <h3>{t('fleet.sizeChart', { n: view.top })}</h3>
      <QueryView query={bySize} isEmpty={isEmpty} empty={t('fleet.seriesEmpty')}>
        {(answer) => <FleetSeriesChart series={answer.data} measure="size" view={view} testId="fleet-size-chart" />}
      </QueryView>
      <h3>{t('fleet.growthChart', { n: view.top, date: fmt.date(byGrowth.data?.data.periods[0]?.period_start) })}</h3>
      <QueryView query={byGrowth} isEmpty={isEmpty} empty={t('fleet.seriesEmpty')}>
        {(answer) => <FleetSeriesChart series={answer.data} measure="growth" view={view} testId="fleet-growth-chart" />}
      </QueryView>
    </section>
  );
}
