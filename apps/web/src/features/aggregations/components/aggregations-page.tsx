import type { DbType, PeriodType } from '@capacity/contracts';
import { useDeferredValue, useState } from 'react';
import type { GroupMode } from '../../../components/charts/chart-data';
import { ChartToggle } from '../../../components/charts/chart-toggle';
import { AggregationCells, useAggregationColumns } from '../../../components/aggregation-cells';
import { DataTable } from '../../../components/data-table';
import { EngineSelect } from '../../../components/engine-select';
import { DateRangePicker, type DateRange } from '../../../components/date-range-picker';
import { PaginationBar } from '../../../components/pagination-bar';
import { PeriodSelect } from '../../../components/period-select';
import { SelectField } from '../../../components/select-field';
import { QueryView } from '../../../components/states';
import { TextField } from '../../../components/text-field';
import { useFormat } from '../../../components/use-format';
import { lastDays } from '../../../lib/dates';
import { useI18n } from '../../../i18n';
import { useAuth } from '../../auth';
import { useInstances } from '../../instances';
import { useAggregations, useAggregationSummary, type AggregationsFilter } from '../api/aggregations';
import { RunAggregationButton } from './run-aggregation';
import { SummaryCards } from './summary-cards';
import { TrendChart } from './trend-chart';

const PAGE_SIZE = 20;

export function AggregationsPage() {
  const { t } = useI18n();
  const fmt = useFormat();
  const aggregationColumns = useAggregationColumns();
  const { isAdmin } = useAuth();
  const [instanceId, setInstanceId] = useState('');
  const [engine, setEngine] = useState<DbType | ''>('');
  const [database, setDatabase] = useState('');
  const [period, setPeriod] = useState<PeriodType>('daily');
  const [range, setRange] = useState<DateRange>(() => lastDays(30));
  const [mode, setMode] = useState<GroupMode>('database');
  const [kind, setKind] = useState<'line' | 'bar'>('line');
  const [page, setPage] = useState(1);
  const deferredDatabase = useDeferredValue(database);

  const filter: AggregationsFilter = {
    instance_id: instanceId ? Number(instanceId) : undefined,
    db_type: engine || undefined,
    database_name: deferredDatabase.trim() || undefined,
    period_type: period,
    start_date: range.start,
    end_date: range.end,
  };
  const resetPage = <T,>(setter: (v: T) => void) => (v: T) => {
    setter(v);
    setPage(1);
  };

  const summary = useAggregationSummary();
  const instances = useInstances({});
  const tableQuery = useAggregations(filter, page, PAGE_SIZE);

  return (
    <section className="page">
      <div className="page-header">
        <h1>{t('agg.title')}</h1>
        {isAdmin ? <RunAggregationButton /> : null}
      </div>
      <QueryView query={summary}>{(data) => <SummaryCards summary={data.data} />}</QueryView>

      <div className="card filters">
        <SelectField
          label={t('agg.instance')}
          name="instance_id"
          value={instanceId}
          allLabel={t('agg.allInstances')}
          options={(instances.data?.data ?? []).map((instance) => ({ value: String(instance.id), label: instance.name }))}
          onChange={resetPage(setInstanceId)}
        />
        <EngineSelect label={t('instances.engine')} name="db_type" value={engine} onChange={resetPage(setEngine)} />
        <TextField label={t('storage.database')} type="search" name="database_name" value={database} onChange={resetPage(setDatabase)} />
        <PeriodSelect value={period} onChange={resetPage(setPeriod)} />
        <DateRangePicker value={range} onChange={resetPage(setRange)} />
      </div>

      <section className="card">
        <div className="card-header">
          <h2>{t('agg.trend')}</h2>
          <div className="filters">
            <ChartToggle
              label={t('agg.chartMode')}
              value={mode}
              onChange={setMode}
              options={[
                { value: 'database', label: t('agg.modeDatabase') },
                { value: 'instance', label: t('agg.modeInstance') },
              ]}
            />
            <ChartToggle
              label={t('agg.chartType')}
              value={kind}
              onChange={setKind}
              options={[
                { value: 'line', label: t('agg.line') },
                { value: 'bar', label: t('agg.bar') },
              ]}
            />
          </div>
        </div>
        <TrendChart filter={filter} mode={mode} kind={kind === 'bar' ? 'bars' : 'lines'} />
      </section>

      <QueryView query={tableQuery} isEmpty={(d) => d.data.length === 0} empty={t('agg.empty')}>
        {(data) => (
          <DataTable
            testId="aggregations-table"
            footer={<PaginationBar pagination={data.pagination} onPage={setPage} />}
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
        )}
      </QueryView>
    </section>
  );
}
