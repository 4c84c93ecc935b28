import { useMemo } from 'react';
import { Empty, ErrorState, Loading } from '../../../components/states';
import { useFormat } from '../../../components/use-format';
import { useI18n } from '../../../i18n';
import type { LatestDatabaseSizeResponse } from '../../../lib/api-types';
import { useTableGrowth, useTopTables } from '../api/tables';
import { largestDatabase, withGrowth } from './top-tables';
import { knownDatabase } from './storage-view';
import { TopTablesTable, type GrowthState } from './top-tables-table';
import { useStorageView } from './use-storage-view';

const growthState = (query: { isPending: boolean; isError: boolean }): GrowthState => (query.isPending ? 'pending' : query.isError ? 'error' : 'success');

/**
 * The largest tables of one database of the instance (the largest database first) and their 7/30-day growth.
 * `databases`: the latest sizes the tab has loaded; undefined while they load.
 */
export function TopTablesSection({ instanceId, databases }: { instanceId: number; databases: readonly LatestDatabaseSizeResponse[] | undefined }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const [view, update] = useStorageView();
  const database = knownDatabase(view.tables, databases) || largestDatabase(databases ?? []);

  const tables = useTopTables(instanceId, database);
  const week = useTableGrowth(instanceId, database, 7);
  const month = useTableGrowth(instanceId, database, 30);
  const rows = useMemo(() => withGrowth(tables.data?.data ?? [], { 7: week.data?.data, 30: month.data?.data }), [tables.data, week.data, month.data]);
  const growthError = week.error ?? month.error;
  const estimated = rows.some((row) => row.size_source === 'statistics');

  return (
    <section className="card" data-testid="top-tables-section">
      <div className="card-header">
        <h2>{t('storage.tables.title')}</h2>
        <div className="filters">
          {tables.data?.collected_date ? (
            <span className="muted" data-testid="top-tables-date">
              {t('storage.tables.readingOf', { date: fmt.date(tables.data.collected_date) })}
            </span>
          ) : null}
          <label className="field">
            <span>{t('storage.database')}</span>
            <select name="tables-database" data-testid="top-tables-database" value={database} onChange={(e) => update({ tables: e.target.value })} disabled={!databases?.length}>
              {(databases ?? []).map((db) => (
                <option key={db.database_name} value={db.database_name}>
                  {db.database_name}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      {databases === undefined ? (
        <Loading />
      ) : database === '' ? (
        <Empty>{t('storage.noData')}</Empty>
      ) : tables.isPending ? (
        <Loading />
      ) : tables.isError ? (
        <ErrorState error={tables.error} onRetry={() => void tables.refetch()} />
      ) : rows.length === 0 ? (
        <Empty>{t('storage.tables.empty')}</Empty>
      ) : (
        <>
          {estimated ? (
            <p className="muted" data-testid="top-tables-estimate-note">
              {t('storage.tables.estimateNote')}
            </p>
          ) : null}
          <TopTablesTable rows={rows} growthState={{ 7: growthState(week), 30: growthState(month) }} />
          {growthError ? (
            <p className="muted" role="alert" data-testid="top-tables-growth-error">
              {t('storage.tables.growthError', { message: growthError.message })}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
