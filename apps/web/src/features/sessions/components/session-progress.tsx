import { DataTable } from '../../../components/data-table';
import { ProgressBar } from '../../../components/progress-bar';
import { ErrorState, Loading } from '../../../components/states';
import { StatusBadge } from '../../../components/status-badge';
import { useFormat } from '../../../components/use-format';
import { useI18n } from '../../../i18n';
import type { SessionDetailResponse } from '../../../lib/api-types';
import { useSession } from '../api/sessions';

export function progressOf(session: Pick<SessionDetailResponse, 'total_instances' | 'successful_instances' | 'failed_instances'>): number {
  if (!session.total_instances) return 0;
  return Math.round(((session.successful_instances + session.failed_instances) / session.total_instances) * 100);
}

/** Records of one run: one line per instance, with its error when it failed. */
export function SessionRecords({ session }: { session: SessionDetailResponse }) {
  const { t } = useI18n();
  const fmt = useFormat();
  if (!session.records.length) return null;
  return (
    <DataTable
      compact
      columns={[
        { label: t('sessions.records') },
        { label: t('sessions.status') },
        { label: t('sessions.items') },
        { label: t('sessions.duration') },
        { label: t('sessions.error') },
      ]}
    >
      {session.records.map((record) => (
        <tr key={record.id}>
          <td>{record.instance_name}</td>
          <td>
            <StatusBadge status={record.status} />
          </td>
          <td>{fmt.number(record.items_synced)}</td>
          <td>{fmt.duration(record.duration_ms)}</td>
          <td className="error-text">{record.error_message ?? ''}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** Live view of a run that was just started (collect now, aggregate today). */
export function SessionFollower({ sessionId }: { sessionId: string }) {
  const { t } = useI18n();
  const query = useSession(sessionId);
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const session = query.data;
  return (
    <div className="session-follower">
      <p className="muted">{t('sessions.following', { id: sessionId.slice(0, 8) })}</p>
      <p>
        {t('sessions.status')}: <StatusBadge status={session.status} testId="session-status" />
      </p>
      <ProgressBar percent={session.status === 'running' ? progressOf(session) : 100} label={t('sessions.progressOf', { id: sessionId.slice(0, 8) })} />
      {session.error_message ? <ErrorState error={new Error(session.error_message)} /> : null}
      <SessionRecords session={session} />
    </div>
  );
}
