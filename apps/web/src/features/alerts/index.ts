export { FiringAlertsCount } from './components/alert-count';
