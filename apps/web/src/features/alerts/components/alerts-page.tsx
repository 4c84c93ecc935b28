import { ALERT_SEVERITIES, ALERT_STATES } from '@capacity/contracts';
import { Link } from 'react-router-dom';
import { DataTable } from '../../../components/data-table';
import { PaginationBar } from '../../../components/pagination-bar';
import { SelectField } from '../../../components/select-field';
import { ErrorState, QueryView } from '../../../components/states';
import { useFormat } from '../../../components/use-format';
import { useI18n } from '../../../i18n';
import { useUrlView } from '../../../lib/use-url-view';
import { InstancePicker, useChosenInstance } from '../../aggregations';
import { useAuth } from '../../auth';
import { useAcknowledge, useAlerts } from '../api/alerts';
import { AlertHistoryDialog } from './alert-history';
import { AlertsTabs } from './alerts-tabs';
import { ALERTS_VIEW_CODEC } from './alerts-view';

/** The alert events, firing first then the newest: filters, page and the open history live in the URL. */
export function AlertsPage() {
  const { t } = useI18n();
  const fmt = useFormat();
  const { isAdmin } = useAuth();
  const [view, update] = useUrlView(ALERTS_VIEW_CODEC);
  const query = useAlerts(view);
  const chosen = useChosenInstance(view.instance);
  const acknowledge = useAcknowledge();

  return (
    <section className="page">
      <AlertsTabs />
      <div className="page-header">
        <h1>{t('alerts.title')}</h1>
      </div>
      <div className="card filters">
        <SelectField
          label={t('alerts.state')}
          name="state"
          testId="alerts-state"
          value={view.state}
          allLabel={t('common.all')}
          options={ALERT_STATES.map((state) => ({ value: state, label: t(`alerts.state.${state}`) }))}
          onChange={(state) => update({ state })}
        />
        <SelectField
          label={t('rules.severity')}
          name="severity"
          testId="alerts-severity"
          value={view.severity}
          allLabel={t('common.all')}
          options={ALERT_SEVERITIES.map((severity) => ({ value: severity, label: t(`severity.${severity}`) }))}
          onChange={(severity) => update({ severity })}
        />
        <InstancePicker value={view.instance} chosen={chosen.data} onChange={(instance) => update({ instance })} />
      </div>
      {acknowledge.isError ? <ErrorState error={acknowledge.error} /> : null}
      <QueryView query={query} isEmpty={(answer) => answer.data.length === 0} empty={view.state === 'firing' ? t('alerts.noneFiring') : t('alerts.empty')}>
        {(answer) => (
          <DataTable
            testId="alerts-table"
            footer={<PaginationBar pagination={answer.pagination} onPage={(page) => update({ page })} />}
            columns={[
              { label: t('alerts.state') },
              { label: t('rules.severity') },
              { label: t('alerts.rule') },
              { label: t('alerts.target') },
              { label: t('alerts.summary') },
              { label: t('alerts.size'), numeric: true },
              { label: t('alerts.limit'), numeric: true },
              { label: t('alerts.daysToFull'), numeric: true },
              { label: t('alerts.firstFired') },
              { label: t('alerts.lastSeen') },
              { label: t('common.actions') },
            ]}
          >
            {answer.data.map((alert) => (
              <tr key={alert.id} data-testid={`alert-row-${alert.id}`}>
                <td>
                  <span className={`badge badge-${alert.state === 'firing' ? 'failed' : 'completed'}`} data-testid="alert-state">
                    {t(`alerts.state.${alert.state}`)}
                  </span>
                  {alert.acknowledged_by ? <span className="muted"> {t('alerts.acknowledgedBy', { name: alert.acknowledged_by.username })}</span> : null}
                </td>
                <td>
                  <span className={`badge badge-${alert.severity}`}>{t(`severity.${alert.severity}`)}</span>
                </td>
                <td>{alert.rule.name}</td>
                <td>
                  <Link to={`/instances/${alert.instance.id}`}>{alert.instance.name}</Link>
                  {alert.database_name ? ` / ${alert.database_name}` : ''}
                </td>
                <td>{alert.summary}</td>
                <td className="num">{fmt.bytes(alert.size_bytes)}</td>
                <td className="num">{fmt.bytes(alert.limit_bytes)}</td>
                <td className="num">{alert.days_to_full === null ? '—' : fmt.number(alert.days_to_full)}</td>
                <td>{fmt.dateTime(alert.first_fired_at)}</td>
                <td>{alert.resolved_at ? t('alerts.resolvedAt', { at: fmt.dateTime(alert.resolved_at) }) : fmt.dateTime(alert.last_seen_at)}</td>
                <td>
                  <div className="actions">
                    <button type="button" className="btn btn-small" data-testid={`alert-history-${alert.id}`} onClick={() => update({ event: alert.id })}>
                      {t('alerts.history')}
                    </button>
                    {isAdmin && alert.state === 'firing' && alert.acknowledged_at === null ? (
                      <button
                        type="button"
                        className="btn btn-small"
                        data-testid={`alert-acknowledge-${alert.id}`}
                        disabled={acknowledge.isPending && acknowledge.variables === alert.id}
                        onClick={() => acknowledge.mutate(alert.id)}
                      >
                        {t('alerts.acknowledge')}
                      </button>
                    ) : null}
                  </div>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryView>
      {view.event === undefined ? null : <AlertHistoryDialog id={view.event} onClose={() => update({ event: undefined })} />}
    </section>
  );
}
