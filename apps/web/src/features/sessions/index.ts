export { useSessionFinished } from './api/sessions';
export { SessionFollower } from './components/session-progress';
