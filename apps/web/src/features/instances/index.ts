export { useInstances } from './api/instances';
