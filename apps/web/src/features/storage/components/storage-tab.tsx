import { useMemo } from 'react';
import { changeSince, historyToPoints, toStackedSeries, toTotalSeries, withForecast } from '../../../components/charts/chart-data';
import { SeriesChart } from '../../../components/charts/series-chart';
import { TotalSizeChart } from '../../../components/charts/total-size-chart';
import { Empty, ErrorState, Loading, QueryView } from '../../../components/states';
import type { InstanceResponse } from '../../../lib/api-types';
import { lastDays } from '../../../lib/dates';
import { useI18n } from '../../../i18n';
import { useDatabaseSizes, useForecast, useInstanceSizes, useLatestSizes } from '../api/storage';
import { useInstanceCapacity } from '../api/capacity';
import { CapacitySection } from './capacity-section';
import { useChartFormat } from '../../../components/charts/use-chart-format';
import { AggregationView } from './aggregation-view';
import { DatabasesTable } from './databases-table';
import { instanceLogPoints, instanceTotalSeries } from './instance-series';
import { InstanceTotals, LOG_LABEL } from './instance-totals';
import { TopTablesSection } from './top-tables-section';
import { DateRangePicker } from '../../../components/date-range-picker';
import { DownloadCsvButton } from '../../../components/download-csv-button';
import { downloadDatabaseSizesCsv } from '../api/storage';
import { knownDatabase } from './storage-view';
import { useStorageView } from './use-storage-view';

/** The instance's Storage tab: size trend with forecast, databases table, a database's largest tables, aggregated statistics. */
export function StorageTab({ instance }: { instance: InstanceResponse }) {
  const { t } = useI18n();
  const chartFormat = useChartFormat();
  const [view, update] = useStorageView();
  const { range, mode } = view;

  const defaultRange = useMemo(() => lastDays(30), []);
  const latest = useLatestSizes(instance.id);
  const database = knownDatabase(view.database, latest.data?.data);
  const historyFilter = { start_date: range.start, end_date: range.end, database_name: database || undefined };
  const history = useDatabaseSizes(instance.id, historyFilter);
  // The change column compares with 7 days back: the default 30-day window of every database.
  const recent = useDatabaseSizes(instance.id, { start_date: defaultRange.start, end_date: defaultRange.end });
  const forecast = useForecast(instance.id, database || undefined);
  // The instance's own readings: its total includes the instance log (WAL, binary logs), as the forecast's does.
  const instanceSizes = useInstanceSizes(instance.id, { start_date: range.start, end_date: range.end });
  const logLabel = t(LOG_LABEL[instance.db_type]);
  // The limit line of the chart: the instance's, or the chosen database's when it is on the capacity page shown.
  const capacity = useInstanceCapacity(instance.id, view.capacityPage).data;
  const limit = (database ? capacity?.databases.find((db) => db.database_name === database) : capacity?.instance)?.limit_bytes ?? null;

  const points = useMemo(() => historyToPoints(history.data?.data ?? [], instance.name), [history.data, instance.name]);
  const readings = useMemo(() => (database ? [] : (instanceSizes.data?.data ?? [])), [database, instanceSizes.data]);
  const totalRows = useMemo(
    () => withForecast(readings.length > 0 ? instanceTotalSeries(readings) : toTotalSeries(points), forecast.data),
    [readings, points, forecast.data],
  );
  const stacked = useMemo(
    () => toStackedSeries([...points, ...instanceLogPoints(readings, instance.name, logLabel)], 'database', 10),
    [points, readings, instance.name, logLabel],
  );
  const changes = useMemo(() => changeSince(latest.data?.data ?? [], recent.data?.data ?? []), [latest.data, recent.data]);

  return (
    <div className="page" data-testid="storage-panel">
      <section className="card">
        <div className="card-header">
          <h2>
            {database ? `${t('storage.totalTrend')} — ${database}` : t('storage.totalTrend')}
          </h2>
          <div className="filters">
            <DateRangePicker value={range} onChange={(next) => update({ range: next })} />
            <label className="field">
              <span>{t('storage.database')}</span>
              <select name="database" data-testid="database-filter" value={database} onChange={(e) => update({ database: e.target.value })}>
                <option value="">{t('storage.allDatabases')}</option>
                {(latest.data?.data ?? []).map((db) => (
                  <option key={db.database_name} value={db.database_name}>
                    {db.database_name}
                  </option>
                ))}
              </select>
            </label>
            <div className="field">
              <span>{t('storage.mode')}</span>
              <div className="segmented" role="group">
                <button type="button" className={`btn btn-small${mode === 'total' ? ' active' : ''}`} aria-pressed={mode === 'total'} onClick={() => update({ mode: 'total' })}>
                  {t('storage.modeTotal')}
                </button>
                <button type="button" className={`btn btn-small${mode === 'stacked' ? ' active' : ''}`} aria-pressed={mode === 'stacked'} onClick={() => update({ mode: 'stacked' })}>
                  {t('storage.modeStacked')}
                </button>
              </div>
            </div>
            <DownloadCsvButton testId="storage-history-csv" download={() => downloadDatabaseSizesCsv(instance.id, historyFilter)} />
          </div>
        </div>
        {history.isPending ? (
          <Loading />
        ) : history.isError ? (
          <ErrorState error={history.error} onRetry={() => void history.refetch()} />
        ) : points.length === 0 ? (
          <Empty>{t('storage.noData')}</Empty>
        ) : mode === 'total' ? (
          <>
            <TotalSizeChart
              rows={totalRows}
              format={chartFormat}
              labels={{ actual: t('storage.totalTrend'), forecast: t('storage.forecast'), limit: (value) => t('capacity.limitLine', { limit: value }) }}
              limit={limit}
              testId="storage-chart"
            />
            {forecast.data && !forecast.data.enough_history ? <p className="muted">{t('storage.forecastUnavailable')}</p> : null}
            {forecast.isError ? <p className="muted">{forecast.error.message}</p> : null}
          </>
        ) : (
          <SeriesChart series={stacked} kind="area" stacked format={chartFormat} testId="storage-chart" />
        )}
      </section>

      <CapacitySection instance={instance} />

      <section className="card">
        <div className="card-header">
          <h2>{t('storage.databases')}</h2>
        </div>
        <QueryView query={latest} isEmpty={(d) => d.data.length === 0} empty={t('storage.noData')}>
          {(data) => (
            <>
              {data.instance ? <InstanceTotals reading={data.instance} dbType={instance.db_type} /> : null}
              <DatabasesTable
                rows={data.data}
                changes={changes}
                selected={database}
                onSelect={(name) => update({ database: database === name ? '' : name })}
              />
            </>
          )}
        </QueryView>
      </section>

      {/* Failed latest sizes: the databases card above shows the error; here there is nothing to pick from. */}
      <TopTablesSection instanceId={instance.id} databases={latest.isError ? [] : latest.data?.data} />

      <AggregationView instance={instance} database={database || undefined} />
    </div>
  );
}
