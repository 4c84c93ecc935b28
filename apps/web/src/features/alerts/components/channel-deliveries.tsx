import { useState } from 'react';
import { DataTable } from '../../../components/data-table';
import { ConfirmModal } from '../../../components/confirm-actions';
import { PaginationBar } from '../../../components/pagination-bar';
import { QueryView } from '../../../components/states';
import { useFormat } from '../../../components/use-format';
import { useI18n } from '../../../i18n';
import type { NotificationChannelResponse } from '../../../lib/api-types';
import { useDeliveries } from '../api/channels';

/** The recent delivery attempts of a channel (alerts, digests, tests), newest first, a page at a time. */
export function ChannelDeliveriesDialog({ channel, onClose }: { channel: NotificationChannelResponse; onClose: () => void }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const [page, setPage] = useState(1);
  const query = useDeliveries(channel.id, page);
  return (
    <ConfirmModal title={t('channels.deliveriesOf', { name: channel.name })} testId="deliveries-dialog" onClose={onClose}>
      <QueryView query={query} isEmpty={(answer) => answer.data.length === 0} empty={t('channels.noDeliveries')}>
        {(answer) => (
          <DataTable
            testId="deliveries-table"
            footer={<PaginationBar pagination={answer.pagination} onPage={setPage} />}
            columns={[
              { label: t('channels.attemptedAt') },
              { label: t('channels.purpose') },
              { label: t('channels.attempt'), numeric: true },
              { label: t('channels.result') },
              { label: t('channels.statusCode'), numeric: true },
              { label: t('sessions.duration'), numeric: true },
            ]}
          >
            {answer.data.map((delivery) => (
              <tr key={delivery.id} data-testid={`delivery-row-${delivery.id}`}>
                <td>{fmt.dateTime(delivery.attempted_at)}</td>
                <td>{t(`channels.purpose.${delivery.purpose}`)}</td>
                <td className="num">{delivery.attempt}</td>
                <td>
                  {delivery.ok ? <span className="badge badge-completed">{t('channels.ok')}</span> : <span className="badge badge-failed">{t('channels.failed')}</span>}
                  {delivery.error ? <span className="error-text"> {delivery.error}</span> : null}
                </td>
                <td className="num">{delivery.status_code ?? '—'}</td>
                <td className="num">{fmt.duration(delivery.duration_ms)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryView>
    </ConfirmModal>
  );
}
