import { SESSION_CATEGORIES, SESSION_STATUSES } from '@capacity/contracts';
import { Fragment, useState } from 'react';
import { DataTable } from '../../../components/data-table';
import { PaginationBar } from '../../../components/pagination-bar';
import { ProgressBar } from '../../../components/progress-bar';
import { SelectField } from '../../../components/select-field';
import { ErrorState, Loading, QueryView } from '../../../components/states';
import { StatusBadge } from '../../../components/status-badge';
import { useFormat } from '../../../components/use-format';
import { useI18n } from '../../../i18n';
import type { SessionResponse } from '../../../lib/api-types';
import { useSession, useSessions } from '../api/sessions';
import { useUrlView } from '../../../lib/use-url-view';
import { progressOf, SessionRecords } from './session-progress';
import { SESSIONS_VIEW_CODEC } from './sessions-view';

function SessionDetail({ id }: { id: string }) {
  const query = useSession(id);
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <>
      {query.data.error_message ? <p className="error-text">{query.data.error_message}</p> : null}
      <SessionRecords session={query.data} />
    </>
  );
}

function Progress({ session }: { session: SessionResponse }) {
  const { t } = useI18n();
  const percent = session.status === 'running' ? progressOf(session) : 100;
  return (
    <div>
      <ProgressBar percent={percent} label={t('sessions.progressOf', { id: session.session_id.slice(0, 8) })} />
      <span className="muted">
        {session.successful_instances + session.failed_instances}/{session.total_instances}
        {session.failed_instances ? ` (${session.failed_instances} ✗)` : ''}
      </span>
    </div>
  );
}

/** The runs of collections, aggregations and maintenance, a page at a time; the filters and the page live in the URL. */
export function SessionsPage() {
  const { t } = useI18n();
  const fmt = useFormat();
  const [view, update] = useUrlView(SESSIONS_VIEW_CODEC);
  const [open, setOpen] = useState<string | null>(null);
  const query = useSessions({ ...view, per_page: 20 });

  return (
    <section className="page">
      <div className="page-header">
        <h1>{t('sessions.title')}</h1>
      </div>
      <div className="filters">
        <SelectField
          label={t('sessions.category')}
          name="category"
          value={view.category}
          allLabel={t('common.all')}
          options={SESSION_CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
          onChange={(category) => update({ category })}
        />
        <SelectField
          label={t('sessions.status')}
          name="status"
          value={view.status}
          allLabel={t('common.all')}
          options={SESSION_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          onChange={(status) => update({ status })}
        />
      </div>
      <QueryView query={query} isEmpty={(d) => d.data.length === 0} empty={t('sessions.empty')}>
        {(data) => (
          <DataTable
            testId="sessions-table"
            footer={<PaginationBar pagination={data.pagination} onPage={(page) => update({ page })} />}
            columns={[
              { label: t('sessions.started') },
              { label: t('sessions.category') },
              { label: t('sessions.type') },
              { label: t('sessions.status') },
              { label: t('sessions.progress') },
              { label: t('sessions.duration') },
              { label: null },
            ]}
          >
            {data.data.map((session) => (
              <Fragment key={session.session_id}>
                <tr data-testid={`session-row-${session.session_id}`}>
                  <td>{fmt.dateTime(session.started_at)}</td>
                  <td>{t(`category.${session.sync_category}`)}</td>
                  <td>{t(`sessionType.${session.sync_type}`)}</td>
                  <td>
                    <StatusBadge status={session.status} />
                  </td>
                  <td style={{ minWidth: 160 }}>
                    <Progress session={session} />
                  </td>
                  <td>{fmt.duration(session.duration_ms)}</td>
                  <td>
                    <button
                      type="button"
                      className="btn btn-small"
                      aria-expanded={open === session.session_id}
                      onClick={() => setOpen(open === session.session_id ? null : session.session_id)}
                    >
                      {t('sessions.details')}
                    </button>
                  </td>
                </tr>
                {open === session.session_id ? (
                  <tr>
                    <td colSpan={7}>
                      <SessionDetail id={session.session_id} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </DataTable>
        )}
      </QueryView>
    </section>
  );
}
