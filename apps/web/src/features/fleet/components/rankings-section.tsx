import { FLEET_LEVELS, FLEET_METRICS, FLEET_WINDOW_DAYS } from '@capacity/contracts';
import { Link } from 'react-router-dom';
import { ChartToggle } from '../../../components/charts/chart-toggle';
import { DataTable } from '../../../components/data-table';
import { DownloadCsvButton } from '../../../components/download-csv-button';
import { PaginationBar } from '../../../components/pagination-bar';
import { SelectField } from '../../../components/select-field';
import { QueryView } from '../../../components/states';
import { useFormat } from '../../../components/use-format';
import { useI18n } from '../../../i18n';
import type { FleetRankingItem } from '../../../lib/api-types';
import { downloadFleetRankingsCsv, useFleetRankings, type FleetFilter } from '../api/fleet';
import type { FleetView } from './fleet-view';

export const RANKINGS_PER_PAGE = 20;

function RankingRow({ item, withDatabase }: { item: FleetRankingItem; withDatabase: boolean }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const key = `${item.instance.id}${item.database_name === null ? '' : `/${item.database_name}`}`;
  return (
    <tr data-testid={`ranking-row-${key}`}>
      <td className="num">{item.rank}</td>
      <td>
        <Link to={`/instances/${item.instance.id}`}>{item.instance.name}</Link>
      </td>
      {withDatabase ? <td>{item.database_name}</td> : null}
      <td>{t(`engine.${item.instance.db_type}`)}</td>
      <td className="num">{fmt.bytes(item.size_then_bytes)}</td>
      <td className="num">{fmt.bytes(item.size_now_bytes)}</td>
      <td className="num">{fmt.signedBytes(item.change_bytes)}</td>
      <td className="num">{fmt.percent(item.change_percent)}</td>
    </tr>
  );
}

/** The fleet's fastest-growing, biggest or fastest-shrinking databases or instances, a page at a time. */
export function RankingsSection({ view, filter, onChange }: { view: FleetView; filter: FleetFilter; onChange: (patch: Partial<FleetView>) => void }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const ranking = { ...filter, metric: view.metric, window_days: view.window, level: view.level };
  const rankings = useFleetRankings({ ...ranking, page: view.page, per_page: RANKINGS_PER_PAGE });
  const withDatabase = view.level === 'database';

  return (
    <section className="card" data-testid="fleet-rankings">
      <div className="card-header">
        <h2>{t('fleet.rankings')}</h2>
        <div className="filters">
          <SelectField
            label={t('fleet.metric')}
            name="metric"
            testId="rankings-metric"
            value={view.metric}
            options={FLEET_METRICS.map((metric) => ({ value: metric, label: t(`fleet.metric.${metric}`) }))}
            onChange={(metric) => metric && onChange({ metric })}
          />
          <ChartToggle
            label={t('fleet.window')}
            testId="rankings-window"
            value={view.window}
            options={FLEET_WINDOW_DAYS.map((days) => ({ value: days, label: days === 1 ? t('fleet.windowDay') : t('fleet.windowDays', { days }) }))}
            onChange={(window) => onChange({ window })}
          />
          <ChartToggle
            label={t('fleet.level')}
            testId="rankings-level"
            value={view.level}
            options={FLEET_LEVELS.map((level) => ({ value: level, label: t(`fleet.level.${level}`) }))}
            onChange={(level) => onChange({ level })}
          />
          <DownloadCsvButton testId="rankings-csv" download={() => downloadFleetRankingsCsv(ranking)} />
        </div>
      </div>
      <QueryView query={rankings} isEmpty={(page) => page.data.length === 0} empty={t('fleet.rankingsEmpty')}>
        {(page) => {
          const [first] = page.data;
          return (
            <DataTable
              testId="rankings-table"
              footer={<PaginationBar pagination={page.pagination} onPage={(next) => onChange({ page: next })} />}
              columns={[
                { label: '#', numeric: true },
                { label: t('agg.instance') },
                ...(withDatabase ? [{ label: t('storage.database') }] : []),
                { label: t('instances.engine') },
                { label: t('fleet.sizeOn', { date: fmt.date(first.date_then) }), numeric: true },
                { label: t('fleet.sizeOn', { date: fmt.date(first.date_now) }), numeric: true },
                { label: t('fleet.change'), numeric: true },
                { label: t('fleet.changePercent'), numeric: true },
              ]}
            >
              {page.data.map((item) => (
                <RankingRow key={`${item.rank}-${item.instance.id}-${item.database_name ?? ''}`} item={item} withDatabase={withDatabase} />
              ))}
            </DataTable>
          );
        }}
      </QueryView>
    </section>
  );
}
