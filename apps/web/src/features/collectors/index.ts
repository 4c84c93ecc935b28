export { collectorsQuery, useCollectors } from './api/collectors';
