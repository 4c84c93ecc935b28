import { NavLink } from 'react-router-dom';
import { useI18n } from '../../../i18n';
import { useAuth } from '../../auth';

/** The Alerts area: the events for everyone, the rule and channel editors for admins. */
export function AlertsTabs() {
  const { t } = useI18n();
  const { isAdmin } = useAuth();
  const tabs = [
    { to: '/alerts', label: t('alerts.title'), testId: 'tab-alerts' },
    ...(isAdmin
      ? [
          { to: '/alerts/rules', label: t('rules.title'), testId: 'tab-alert-rules' },
          { to: '/alerts/channels', label: t('channels.title'), testId: 'tab-channels' },
        ]
      : []),
  ];
  if (tabs.length === 1) return null;
  return (
    <nav className="tabs" aria-label={t('alerts.area')}>
      {tabs.map((tab) => (
        <NavLink key={tab.to} to={tab.to} end data-testid={tab.testId} className={({ isActive }) => (isActive ? 'tab active' : 'tab')}>
          {tab.label}
        </NavLink>
      ))}
    </nav>
  );
}
