import type { StatsTable } from '@capacity/contracts';
import { useMemo, useState } from 'react';
import { SeriesChart } from '../../../components/charts/series-chart';
import { useChartFormat } from '../../../components/charts/use-chart-format';
import { DataTable } from '../../../components/data-table';
import { QueryView } from '../../../components/states';
import { useFormat } from '../../../components/use-format';
import { useI18n } from '../../../i18n';
import { usePartitionList, usePartitionStatus } from '../api/partitions';
import { CleanupPartitionsAction, CreatePartitionsAction } from './partition-actions';
import { sizesPerMonth } from './partition-plan';

function PartitionList({ table }: { table: StatsTable }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const query = usePartitionList(table);
  return (
    <QueryView query={query} isEmpty={(d) => d.data.length === 0} empty={t('partitions.empty')}>
      {(data) => (
        <DataTable
          testId="partitions-table"
          columns={[
            { label: t('partitions.name') },
            { label: t('partitions.range') },
            { label: t('partitions.rows'), numeric: true },
            { label: t('partitions.size'), numeric: true },
          ]}
        >
          {data.data.map((p) => (
            <tr key={p.name}>
              <td>
                <code>{p.name}</code>
              </td>
              <td>{p.is_default ? t('partitions.defaultPartition') : `${fmt.date(p.range_from)} – ${fmt.date(p.range_to)}`}</td>
              <td className="num">
                {fmt.number(p.row_count)}
                {p.row_count_estimated ? ` (${t('partitions.estimated')})` : ''}
              </td>
              <td className="num">{fmt.bytes(p.total_bytes)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </QueryView>
  );
}

export function PartitionsPage() {
  const { t } = useI18n();
  const fmt = useFormat();
  const chartFormat = useChartFormat();
  const status = usePartitionStatus();
  const [table, setTable] = useState<StatsTable>('database_size_stats');
  const perMonth = useMemo(() => sizesPerMonth(status.data?.tables ?? []), [status.data]);

  return (
    <section className="page">
      <div className="page-header">
        <h1>{t('partitions.title')}</h1>
        <button type="button" className="btn" onClick={() => void status.refetch()}>
          {t('common.refresh')}
        </button>
      </div>
      <QueryView query={status} isEmpty={(d) => d.tables.length === 0} empty={t('partitions.empty')}>
        {(data) => (
          <>
            <p className="muted">{t('partitions.currentMonth', { month: data.current_month, at: fmt.dateTime(data.checked_at) })}</p>
            <div className="cards">
              {data.tables.map((s) => (
                <button
                  type="button"
                  key={s.table}
                  className={`card stat-card table-card${s.table === table ? ' selected' : ''}`}
                  data-testid={`partition-card-${s.table}`}
                  onClick={() => setTable(s.table)}
                >
                  <div className="stat-label">{s.table}</div>
                  <div className="stat-value">{fmt.bytes(s.total_bytes)}</div>
                  <div>
                    {t('partitions.count')}: {fmt.number(s.partition_count)}{' '}
                    <span className={`badge ${s.healthy ? 'badge-healthy' : 'badge-warning'}`}>
                      {s.healthy ? t('partitions.healthy') : t('partitions.unhealthy')}
                    </span>
                  </div>
                  {s.findings.length ? (
                    <ul className="findings">
                      {s.findings.map((f, i) => (
                        <li key={i}>{f.message}</li>
                      ))}
                    </ul>
                  ) : null}
                </button>
              ))}
            </div>
            <section className="card">
              <div className="card-header">
                <h2>{t('partitions.sizesPerMonth')}</h2>
              </div>
              <SeriesChart series={perMonth} kind="bar" stacked format={chartFormat} height={280} testId="partitions-chart" />
            </section>
            <section className="card">
              <div className="card-header">
                <CreatePartitionsAction status={data} />
                <CleanupPartitionsAction status={data} />
              </div>
            </section>
            <section className="card">
              <div className="card-header">
                <h2>
                  {t('partitions.table')}: <code>{table}</code>
                </h2>
              </div>
              <PartitionList table={table} />
            </section>
          </>
        )}
      </QueryView>
    </section>
  );
}
