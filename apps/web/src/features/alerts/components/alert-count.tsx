import { Link } from 'react-router-dom';
import { useI18n } from '../../../i18n';
import { useAlertSummary } from '../api/alerts';

/** The header's count of firing alerts (refreshed every half minute), linking to them; nothing while none fires. */
export function FiringAlertsCount() {
  const { t } = useI18n();
  const summary = useAlertSummary();
  const firing = summary.data?.firing ?? 0;
  if (firing === 0) return null;
  const critical = (summary.data?.critical ?? 0) > 0;
  return (
    <Link
      to="/alerts?state=firing"
      className={`badge ${critical ? 'badge-critical' : 'badge-warning'}`}
      data-testid="firing-alerts-count"
      title={t('alerts.firingTitle', { critical: summary.data?.critical ?? 0, warning: summary.data?.warning ?? 0 })}
    >
      {t('alerts.firingCount', { count: firing })}
    </Link>
  );
}
