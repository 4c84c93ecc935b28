import { useDeferredValue } from 'react';
import { ChartToggle } from '../../../components/charts/chart-toggle';
import { AggregationCells, useAggregationColumns } from '../../../components/aggregation-cells';
import { DataTable } from '../../../components/data-table';
import { DownloadCsvButton } from '../../../components/download-csv-button';
import { EngineSelect } from '../../../components/engine-select';
import { DateRangePicker } from '../../../components/date-range-picker';
import { PaginationBar } from '../../../components/pagination-bar';
import { PeriodSelect } from '../../../components/period-select';
import { QueryView } from '../../../components/states';
import { TextField } from '../../../components/text-field';
import { useFormat } from '../../../components/use-format';
import { ApiError } from '../../../lib/api-error';
import { useI18n } from '../../../i18n';
import { useAuth } from '../../auth';
import { downloadAggregationsCsv, useAggregations, useAggregationSummary } from '../api/aggregations';
import { useChosenInstance } from '../api/instance-options';
import { aggregationsFilterOf } from './aggregations-view';
import { InstancePicker } from './instance-picker';
import { RunAggregationButton } from './run-aggregation';
import { SummaryCards } from './summary-cards';
import { TrendChart } from './trend-chart';
import { useAggregationsView } from './use-aggregations-view';

const PAGE_SIZE = 20;

/** The fleet's aggregated statistics: trend chart and table; every filter, the range, the chart and the page live in the URL. */
export function AggregationsPage() {
  const { t } = useI18n();
  const fmt = useFormat();
  const aggregationColumns = useAggregationColumns();
  const { isAdmin } = useAuth();
  const [view, update] = useAggregationsView();
  const deferredDatabase = useDeferredValue(view.database);
  const chosen = useChosenInstance(view.instance);
  // A link to an instance that is gone (or not the viewer's) shows the whole fleet rather than an empty page.
  const missing = chosen.error instanceof ApiError && (chosen.error.status === 404 || chosen.error.status === 403);
  const shown = missing ? { ...view, instance: undefined } : view;
  const filter = aggregationsFilterOf(shown, deferredDatabase);

  const summary = useAggregationSummary();
  const tableQuery = useAggregations(filter, view.page, PAGE_SIZE);

  return (
    <section className="page">
      <div className="page-header">
        <h1>{t('agg.title')}</h1>
        {isAdmin ? <RunAggregationButton /> : null}
      </div>
      <QueryView query={summary}>{(data) => <SummaryCards summary={data.data} />}</QueryView>

      <div className="card filters">
        <InstancePicker value={shown.instance} chosen={chosen.data} onChange={(instance) => update({ instance })} />
        <EngineSelect label={t('instances.engine')} name="db_type" value={view.engine} onChange={(engine) => update({ engine })} />
        <TextField label={t('storage.database')} type="search" name="database_name" maxLength={255} value={view.database} onChange={(database) => update({ database })} />
        <PeriodSelect value={view.period} onChange={(period) => update({ period })} />
        <DateRangePicker value={view.range} onChange={(range) => update({ range })} />
      </div>

      <section className="card">
        <div className="card-header">
          <h2>{t('agg.trend')}</h2>
          <div className="filters">
            <ChartToggle
              label={t('agg.chartMode')}
              value={view.mode}
              onChange={(mode) => update({ mode })}
              options={[
                { value: 'database', label: t('agg.modeDatabase') },
                { value: 'instance', label: t('agg.modeInstance') },
              ]}
            />
            <ChartToggle
              label={t('agg.chartType')}
              value={view.kind}
              onChange={(kind) => update({ kind })}
              options={[
                { value: 'line', label: t('agg.line') },
                { value: 'bar', label: t('agg.bar') },
              ]}
            />
          </div>
        </div>
        <TrendChart filter={filter} mode={view.mode} kind={view.kind === 'bar' ? 'bars' : 'lines'} />
      </section>

      <QueryView query={tableQuery} isEmpty={(d) => d.data.length === 0} empty={t('agg.empty')}>
        {(data) => (
          <>
            <div className="table-toolbar">
              <span data-testid="aggregations-total">{t('agg.rowCount', { count: fmt.number(data.pagination.total) })}</span>
              <DownloadCsvButton testId="aggregations-csv" download={() => downloadAggregationsCsv(filter)} />
            </div>
            <DataTable
              testId="aggregations-table"
              footer={<PaginationBar pagination={data.pagination} onPage={(page) => update({ page })} />}
              columns={[
                { label: t('agg.instance') },
                { label: t('storage.database') },
                { label: t('storage.period') },
                ...aggregationColumns,
                { label: t('agg.samples'), numeric: true },
              ]}
            >
              {data.data.map((item) => (
                <tr key={`${item.instance.id}-${item.database_name}-${item.period_type}-${item.period_start}`}>
                  <td>{item.instance.name}</td>
                  <td>{item.database_name}</td>
                  <td>{t(`period.${item.period_type}`)}</td>
                  <AggregationCells item={item} />
                  <td className="num">{fmt.number(item.statistics.data_count)}</td>
                </tr>
              ))}
            </DataTable>
          </>
        )}
      </QueryView>
    </section>
  );
}
