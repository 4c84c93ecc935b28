import { useState } from 'react';
import { ConfirmModal } from '../../../components/confirm-actions';
import { DataTable } from '../../../components/data-table';
import { PaginationBar } from '../../../components/pagination-bar';
import { ErrorState, QueryView } from '../../../components/states';
import { useFormat } from '../../../components/use-format';
import { useI18n } from '../../../i18n';
import type { NotificationChannelResponse, NotificationTestResponse } from '../../../lib/api-types';
import { useUrlView } from '../../../lib/use-url-view';
import { useChannels, useDeleteChannel, useTestChannel } from '../api/channels';
import { AlertsTabs } from './alerts-tabs';
import { PAGE_VIEW_CODEC } from './alerts-view';
import { ChannelDeliveriesDialog } from './channel-deliveries';
import { ChannelDialog } from './channel-dialog';

type Dialog = { kind: 'create' } | { kind: 'edit' | 'delete' | 'deliveries'; channel: NotificationChannelResponse } | null;

function TestResult({ result }: { result: NotificationTestResponse }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const detail = [result.status_code === null ? null : `HTTP ${result.status_code}`, t('channels.attempts', { count: result.attempts }), fmt.duration(result.duration_ms)]
    .filter(Boolean)
    .join(' · ');
  return (
    <span className={result.ok ? 'ok-text' : 'error-text'} role="status" data-testid="channel-test-result">
      {result.ok ? t('channels.testOk') : t('channels.testFailed', { error: result.error ?? '' })} ({detail})
    </span>
  );
}

function DeleteChannelDialog({ channel, onClose }: { channel: NotificationChannelResponse; onClose: () => void }) {
  const { t } = useI18n();
  const remove = useDeleteChannel();
  return (
    <ConfirmModal
      title={t('channels.deleteTitle')}
      onClose={onClose}
      testId="delete-channel-dialog"
      confirm={{ danger: true, testId: 'delete-channel-confirm', disabled: remove.isPending, onConfirm: () => remove.mutate(channel.id, { onSuccess: onClose }) }}
    >
      <p>{t('channels.deleteConfirm', { name: channel.name })}</p>
      {remove.isError ? <ErrorState error={remove.error} /> : null}
    </ConfirmModal>
  );
}

/** Admin: where alerts are delivered (e-mail, webhooks, chat robots), with a test send and the delivery log. */
export function ChannelsPage() {
  const { t } = useI18n();
  const [view, update] = useUrlView(PAGE_VIEW_CODEC);
  const query = useChannels(view.page);
  const test = useTestChannel();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);

  return (
    <section className="page">
      <AlertsTabs />
      <div className="page-header">
        <h1>{t('channels.title')}</h1>
        <button type="button" className="btn btn-primary" data-testid="add-channel" onClick={() => setDialog({ kind: 'create' })}>
          {t('channels.add')}
        </button>
      </div>
      <p className="muted">{t('channels.hint')}</p>
      <QueryView query={query} isEmpty={(answer) => answer.data.length === 0} empty={t('channels.empty')}>
        {(answer) => (
          <DataTable
            testId="channels-table"
            footer={<PaginationBar pagination={answer.pagination} onPage={(page) => update({ page })} />}
            columns={[
              { label: t('channels.name') },
              { label: t('channels.kind') },
              { label: t('channels.target') },
              { label: t('channels.mode') },
              { label: t('channels.enabled') },
              { label: t('common.actions') },
            ]}
          >
            {answer.data.map((channel) => (
              <tr key={channel.id} data-testid={`channel-row-${channel.name}`}>
                <td>{channel.name}</td>
                <td>{t(`channels.kind.${channel.kind}`)}</td>
                <td>
                  {channel.email ? `${channel.email.host}:${channel.email.port} → ${channel.email.to.join(', ')}` : channel.url_origin}
                  {channel.has_secret ? <span className="badge"> {t('channels.secretBadge')}</span> : null}
                </td>
                <td>{t(`channels.mode.${channel.mode}`)}</td>
                <td>{channel.enabled ? t('common.yes') : t('common.no')}</td>
                <td>
                  <div className="actions">
                    <button type="button" className="btn btn-small" onClick={() => setDialog({ kind: 'edit', channel })}>
                      {t('common.edit')}
                    </button>
                    <button
                      type="button"
                      className="btn btn-small"
                      data-testid={`channel-test-${channel.name}`}
                      disabled={test.isPending && test.variables === channel.id}
                      onClick={() => test.mutate(channel.id)}
                    >
                      {test.isPending && test.variables === channel.id ? t('channels.testing') : t('channels.sendTest')}
                    </button>
                    <button type="button" className="btn btn-small" data-testid={`channel-deliveries-${channel.name}`} onClick={() => setDialog({ kind: 'deliveries', channel })}>
                      {t('channels.deliveries')}
                    </button>
                    <button type="button" className="btn btn-small btn-danger" onClick={() => setDialog({ kind: 'delete', channel })}>
                      {t('common.delete')}
                    </button>
                    {test.variables === channel.id && test.data ? <TestResult result={test.data} /> : null}
                    {test.variables === channel.id && test.isError ? <ErrorState error={test.error} /> : null}
                  </div>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryView>
      {dialog?.kind === 'create' ? <ChannelDialog onClose={close} /> : null}
      {dialog?.kind === 'edit' ? <ChannelDialog channel={dialog.channel} onClose={close} /> : null}
      {dialog?.kind === 'delete' ? <DeleteChannelDialog channel={dialog.channel} onClose={close} /> : null}
      {dialog?.kind === 'deliveries' ? <ChannelDeliveriesDialog channel={dialog.channel} onClose={close} /> : null}
    </section>
  );
}
