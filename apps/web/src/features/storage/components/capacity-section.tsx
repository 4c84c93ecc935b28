import { FORECAST_MIN_DAILY_POINTS } from '@capacity/contracts';
import { useState } from 'react';
import { CapacityCells, DaysToFull, GrowthPerDay, LimitSource, UsedLimitBar } from '../../../components/capacity/capacity-figures';
import { DataTable } from '../../../components/data-table';
import { DownloadCsvButton } from '../../../components/download-csv-button';
import { PaginationBar } from '../../../components/pagination-bar';
import { StatCards } from '../../../components/stat-cards';
import { QueryView } from '../../../components/states';
import { useI18n } from '../../../i18n';
import type { CapacityItemResponse, InstanceCapacityResponse, InstanceResponse } from '../../../lib/api-types';
import { useAuth } from '../../auth';
import { downloadInstanceCapacityCsv, useInstanceCapacity } from '../api/capacity';
import { ClearDatabaseLimitDialog, SetDatabaseLimitDialog } from './database-limit-dialogs';
import { LimitChanges } from './limit-changes';
import { useStorageView } from './use-storage-view';

type DatabaseItem = CapacityItemResponse & { database_name: string };
type Dialog = { kind: 'set' | 'clear'; item: DatabaseItem } | null;

const isDatabase = (item: CapacityItemResponse): item is DatabaseItem => item.database_name !== null;

/** The instance total: used / limit, where the limit comes from, growth per day, days until full. */
function InstanceCapacity({ item }: { item: CapacityItemResponse }) {
  const { t } = useI18n();
  const cards = [
    { id: 'used', label: t('capacity.used'), value: <UsedLimitBar item={item} testId="instance-capacity-used" /> },
    { id: 'source', label: t('capacity.limitSource'), value: <LimitSource item={item} /> },
    { id: 'growth', label: t('capacity.growthPerDay'), value: <GrowthPerDay item={item} /> },
    { id: 'days', label: t('capacity.daysToFull'), value: <DaysToFull item={item} testId="instance-days-to-full" /> },
  ];
  return <StatCards cards={cards} testIdPrefix="capacity-" testId="instance-capacity" />;
}

function DatabasesCapacity({ data, onPage, onDialog }: { data: InstanceCapacityResponse; onPage: (page: number) => void; onDialog: (dialog: Dialog) => void }) {
  const { t } = useI18n();
  const { isAdmin } = useAuth();
  return (
    <DataTable
      testId="capacity-table"
      footer={<PaginationBar pagination={data.pagination} onPage={onPage} />}
      columns={[
        { label: t('storage.database') },
        { label: t('capacity.used') },
        { label: t('capacity.limitSource') },
        { label: t('capacity.growthPerDay'), numeric: true },
        { label: t('capacity.daysToFull') },
        ...(isAdmin ? [{ label: t('common.actions') }] : []),
      ]}
    >
      {data.databases.filter(isDatabase).map((item) => (
        <tr key={item.database_name} data-testid={`capacity-row-${item.database_name}`}>
          <td>{item.database_name}</td>
          <CapacityCells item={item} daysTestId="days-to-full" />
          {isAdmin ? (
            <td className="actions">
              <button type="button" className="btn btn-small" data-testid="set-limit" onClick={() => onDialog({ kind: 'set', item })}>
                {item.configured_limit_bytes === null ? t('capacity.setLimit') : t('capacity.changeLimit')}
              </button>
              {item.configured_limit_bytes === null ? null : (
                <button type="button" className="btn btn-small" data-testid="clear-limit" onClick={() => onDialog({ kind: 'clear', item })}>
                  {t('capacity.clearLimit')}
                </button>
              )}
            </td>
          ) : null}
        </tr>
      ))}
    </DataTable>
  );
}

/**
 * The Storage tab's capacity: the instance and a page of its databases with used / limit, the limit's source, growth
 * per day and days until full (or why there is no forecast); an admin sets and clears database limits; the changes.
 */
export function CapacitySection({ instance }: { instance: InstanceResponse }) {
  const { t } = useI18n();
  const [view, update] = useStorageView();
  const capacity = useInstanceCapacity(instance.id, view.capacityPage);
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);

  return (
    <section className="card" data-testid="capacity-section">
      <div className="card-header">
        <h2>{t('capacity.title')}</h2>
        <div className="filters">
          <DownloadCsvButton testId="capacity-csv" download={() => downloadInstanceCapacityCsv(instance.id)} />
        </div>
      </div>
      <QueryView query={capacity} isEmpty={(data) => data.instance.size_bytes === null && data.databases.length === 0} empty={t('capacity.empty')}>
        {(data) => (
          <>
            <InstanceCapacity item={data.instance} />
            <DatabasesCapacity data={data} onPage={(capacityPage) => update({ capacityPage })} onDialog={setDialog} />
            <p className="muted">{t('capacity.forecastHint', { min: FORECAST_MIN_DAILY_POINTS })}</p>
          </>
        )}
      </QueryView>
      <LimitChanges instanceId={instance.id} page={view.limitsPage} onPage={(limitsPage) => update({ limitsPage })} />
      {dialog?.kind === 'set' ? <SetDatabaseLimitDialog item={dialog.item} onClose={close} /> : null}
      {dialog?.kind === 'clear' ? <ClearDatabaseLimitDialog item={dialog.item} onClose={close} /> : null}
    </section>
  );
}
