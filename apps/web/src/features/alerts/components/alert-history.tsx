import { DataTable } from '../../../components/data-table';
import { ConfirmModal } from '../../../components/confirm-actions';
import { ErrorState, QueryView } from '../../../components/states';
import { useFormat } from '../../../components/use-format';
import { useI18n } from '../../../i18n';
import { useAuth } from '../../auth';
import { useAcknowledge, useAlert } from '../api/alerts';

/** One event from firing to resolved: its entries oldest first, and "acknowledge" while it fires. */
export function AlertHistoryDialog({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const { isAdmin } = useAuth();
  const query = useAlert(id);
  const acknowledge = useAcknowledge();
  const canAcknowledge = isAdmin && query.data?.state === 'firing' && query.data.acknowledged_at === null;
  return (
    <ConfirmModal
      title={query.data ? t('alerts.historyOf', { rule: query.data.rule.name, target: query.data.database_name ?? query.data.instance.name }) : t('alerts.history')}
      testId="alert-history-dialog"
      onClose={onClose}
      confirm={canAcknowledge ? { testId: 'alert-history-acknowledge', disabled: acknowledge.isPending, onConfirm: () => acknowledge.mutate(id) } : undefined}
    >
      {canAcknowledge ? <p className="muted">{t('alerts.acknowledgeHint')}</p> : null}
      {acknowledge.isError ? <ErrorState error={acknowledge.error} /> : null}
      <QueryView query={query}>
        {(alert) => (
          <>
            <p>{alert.summary}</p>
            <DataTable
              compact
              testId="alert-history"
              columns={[
                { label: t('alerts.at') },
                { label: t('alerts.transition') },
                { label: t('alerts.size'), numeric: true },
                { label: t('alerts.limit'), numeric: true },
                { label: t('alerts.daysToFull'), numeric: true },
                { label: t('alerts.channelCount'), numeric: true },
                { label: t('alerts.summary') },
              ]}
            >
              {alert.history.map((entry, index) => (
                // The history only grows: an entry's position is its identity.
                <tr key={index} data-testid={`alert-history-${entry.transition}`}>
                  <td>{fmt.dateTime(entry.at)}</td>
                  <td>
                    {t(`alerts.transition.${entry.transition}`)}
                    {entry.user ? ` (${entry.user.username})` : ''}
                  </td>
                  <td className="num">{fmt.bytes(entry.size_bytes)}</td>
                  <td className="num">{fmt.bytes(entry.limit_bytes)}</td>
                  <td className="num">{entry.days_to_full === null ? '—' : fmt.number(entry.days_to_full)}</td>
                  <td className="num">{entry.channel_count}</td>
                  <td>{entry.summary}</td>
                </tr>
              ))}
            </DataTable>
          </>
        )}
      </QueryView>
    </ConfirmModal>
  );
}
