import type { ConnectionFailureKind } from '@capacity/contracts';

export interface ClassifiedConnectionError {
  kind: ConnectionFailureKind;
  /** Says what went wrong in words a DBA acts on, e.g. "authentication failed for user monitor". */
  message: string;
}

/** Raised when the per-instance timer fires before the engine answered. */
export class CollectionTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms without an answer from the server`);
    this.name = 'CollectionTimeoutError';
  }
}

/** Raised by a collector when the account lacks a privilege the engine requires (says which). */
export class MissingPrivilegeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MissingPrivilegeError';
  }
}

interface ErrorShape {
  code?: unknown;
  errno?: unknown;
  number?: unknown;
  message?: unknown;
  originalError?: unknown;
  cause?: unknown;
}

const PG_AUTH = new Set(['28P01', '28000']);
const PG_PERMISSION = new Set(['42501']);
const MYSQL_AUTH = new Set(['ER_ACCESS_DENIED_ERROR', 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR', 'ER_NOT_SUPPORTED_AUTH_MODE']);
const MYSQL_PERMISSION = new Set([
  'ER_DBACCESS_DENIED_ERROR',
  'ER_TABLEACCESS_DENIED_ERROR',
  'ER_SPECIFIC_ACCESS_DENIED_ERROR',
  'ER_COLUMNACCESS_DENIED_ERROR',
  'ER_PROCACCESS_DENIED_ERROR',
]);

function collectCodes(error: unknown, depth = 0): { codes: string[]; messages: string[] } {
  if (!error || typeof error !== 'object' || depth > 3) return { codes: [], messages: typeof error === 'string' ? [error] : [] };
  const shape = error as ErrorShape;
  const codes = [shape.code, shape.errno, shape.number].filter((v) => v !== undefined && v !== null).map(String);
  const messages = typeof shape.message === 'string' ? [shape.message] : [];
  for (const inner of [shape.originalError, shape.cause]) {
    const nested = collectCodes(inner, depth + 1);
    codes.push(...nested.codes);
    messages.push(...nested.messages);
  }
  if (error instanceof AggregateError) {
    for (const inner of error.errors) {
      const nested = collectCodes(inner, depth + 1);
      codes.push(...nested.codes);
      messages.push(...nested.messages);
    }
  }
  return { codes, messages };
}

/**
 * Maps a driver error (pg, mysql2, mssql/tedious, oracledb, Node sockets) to a failure kind and a
 * human message naming the cause. `target` (host:port, user) makes the message concrete.
 */
export function classifyConnectionError(error: unknown, target?: { host: string; port: number; username?: string }): ClassifiedConnectionError {
  const { codes, messages } = collectCodes(error);
  const text = messages.join(' | ');
  const detail = messages[0] ?? String(error);
  const where = target ? `${target.host}:${target.port}` : 'the server';
  const who = target?.username ? ` for user ${target.username}` : '';
  const has = (...candidates: string[]) => candidates.some((c) => codes.includes(c));
  const says = (pattern: RegExp) => pattern.test(text);

  if (error instanceof CollectionTimeoutError) return { kind: 'timeout', message: `timeout: ${error.message} (${where})` };
  if (error instanceof MissingPrivilegeError) return { kind: 'permission', message: `permission: ${error.message}` };

  if (has('ECONNREFUSED') || says(/ECONNREFUSED|connection refused|ORA-12541|NJS-503|NJS-511/i)) {
    return { kind: 'refused', message: `connection refused by ${where}: is the server running and listening on that port?` };
  }
  if (has('ENOTFOUND', 'EAI_AGAIN') || says(/ENOTFOUND|EAI_AGAIN|getaddrinfo|NJS-501/i)) {
    return { kind: 'unknown_host', message: `unknown host: ${target?.host ?? 'the host'} does not resolve (${detail})` };
  }
  if (has('EHOSTUNREACH', 'ENETUNREACH')) {
    return { kind: 'refused', message: `host ${where} is unreachable (${detail})` };
  }
  if (
    has('ETIMEDOUT', 'ETIMEOUT', 'PROTOCOL_SEQUENCE_TIMEOUT') ||
    says(/timeout|timed out|ORA-12170|NJS-510|ORA-12535/i)
  ) {
    return { kind: 'timeout', message: `timeout: ${where} did not answer in time (${detail})` };
  }
  if (codes.some((c) => MYSQL_PERMISSION.has(c)) || has('1044', '1142', '1227')) {
    return { kind: 'permission', message: `permission: the account lacks a privilege the collection needs (${detail})` };
  }
  if (
    codes.some((c) => PG_AUTH.has(c) || MYSQL_AUTH.has(c)) ||
    has('1045', 'ELOGIN', '18456', '1017') ||
    says(/password authentication failed|access denied for user|login failed|ORA-01017|authentication failed/i)
  ) {
    return { kind: 'authentication', message: `authentication failed${who} at ${where}: check the user name and password (${detail})` };
  }
  if (has('3D000', 'ER_BAD_DB_ERROR', '1049', '4060') || says(/database .* does not exist|unknown database|cannot open database|ORA-12514|NJS-518/i)) {
    return { kind: 'unknown_database', message: `unknown database or service at ${where} (${detail})` };
  }
  if (
    codes.some((c) => PG_PERMISSION.has(c) || MYSQL_PERMISSION.has(c)) ||
    has('1044', '1142', '1227', '229', '300', '942', '1031') ||
    says(/permission denied|access denied|ORA-00942|ORA-01031|VIEW ANY DEFINITION|VIEW SERVER STATE|insufficient privileges/i)
  ) {
    return { kind: 'permission', message: `permission: the account lacks a privilege the collection needs (${detail})` };
  }
  return { kind: 'other', message: detail };
}
