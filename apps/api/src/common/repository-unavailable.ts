/**
 * Whether an error means the repository database cannot be reached right now (server down, restarting,
 * connection lost) rather than a bad query: such errors answer 503 and heal when the server is back.
 */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'EAI_AGAIN']);
// 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now; class 08 connection exceptions.
const SQLSTATE = /^(57P0[123]|08...)$/;
const MESSAGES = [
  'Connection terminated',
  'connection terminated',
  'Client has encountered a connection error',
  'Connection ended unexpectedly',
  'timeout exceeded when trying to connect',
  'the database system is',
  'terminating connection due to administrator command',
];

export function isRepositoryUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const { code, message, driverError, cause } = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || SQLSTATE.test(code))) return true;
  if (typeof message === 'string' && MESSAGES.some((text) => message.includes(text))) return true;
  if (error instanceof AggregateError && error.errors.some((inner) => isRepositoryUnavailable(inner, depth + 1))) return true;
  return isRepositoryUnavailable(driverError, depth + 1) || isRepositoryUnavailable(cause, depth + 1);
}

export const REPOSITORY_UNAVAILABLE_MESSAGE = 'the repository database is unreachable; retry when it is back';
