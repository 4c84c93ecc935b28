import { classifyConnectionError, CollectionTimeoutError, MissingPrivilegeError } from './classify-connection-error';

const target = { host: 'db1.internal', port: 5432, username: 'monitor' };
const err = (message: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), extra);

describe('classifyConnectionError', () => {
  it('names a refused connection with host and port', () => {
    const result = classifyConnectionError(err('connect ECONNREFUSED 10.0.0.1:5432', { code: 'ECONNREFUSED' }), target);
    expect(result.kind).toBe('refused');
    expect(result.message).toContain('connection refused by db1.internal:5432');
  });

  it('sees a refusal wrapped in an AggregateError (Node happy eyeballs)', () => {
    const inner = err('connect ECONNREFUSED ::1:3306', { code: 'ECONNREFUSED' });
    expect(classifyConnectionError(new AggregateError([inner], ''), target).kind).toBe('refused');
  });

  it('classifies the per-instance timer as a timeout', () => {
    const result = classifyConnectionError(new CollectionTimeoutError(2000), target);
    expect(result.kind).toBe('timeout');
    expect(result.message).toMatch(/^timeout: timed out after 2000 ms/);
  });

  it('classifies a PostgreSQL bad password (28P01) as authentication', () => {
    const result = classifyConnectionError(err('password authentication failed for user "monitor"', { code: '28P01' }), target);
    expect(result.kind).toBe('authentication');
    expect(result.message).toContain('for user monitor');
  });

  it('classifies MySQL access denied (1045) as authentication', () => {
    const error = err("Access denied for user 'root'@'localhost' (using password: YES)", { code: 'ER_ACCESS_DENIED_ERROR', errno: 1045 });
    expect(classifyConnectionError(error, target).kind).toBe('authentication');
  });

  it('classifies MySQL access denied to a database (1044) as permission, not authentication', () => {
    const error = err("Access denied for user 'u'@'%' to database 'x'", { code: 'ER_DBACCESS_DENIED_ERROR', errno: 1044 });
    expect(classifyConnectionError(error, target).kind).toBe('permission');
  });

  it('classifies a SQL Server login failure (tedious ELOGIN) as authentication', () => {
    const error = err("Login failed for user 'sa'.", { code: 'ELOGIN' });
    expect(classifyConnectionError(error, target).kind).toBe('authentication');
  });

  it('classifies ORA-01017 as authentication', () => {
    expect(classifyConnectionError(err('ORA-01017: invalid credential or not authorized; logon denied'), target).kind).toBe('authentication');
  });

  it('classifies a PostgreSQL database without CONNECT privilege (42501) as permission', () => {
    const error = err('permission denied for database "secret"', { code: '42501' });
    expect(classifyConnectionError(error, target).kind).toBe('permission');
  });

  it('classifies a missing privilege reported by a collector as permission, with its advice', () => {
    const result = classifyConnectionError(new MissingPrivilegeError('VIEW ANY DEFINITION is needed'), target);
    expect(result).toEqual({ kind: 'permission', message: 'permission: VIEW ANY DEFINITION is needed' });
  });

  it('classifies an unknown PostgreSQL database (3D000) and an unknown Oracle service', () => {
    expect(classifyConnectionError(err('database "nope" does not exist', { code: '3D000' }), target).kind).toBe('unknown_database');
    expect(classifyConnectionError(err('ORA-12514: Cannot connect to database. Service X is not registered'), target).kind).toBe('unknown_database');
  });

  it('classifies a host name that does not resolve', () => {
    const result = classifyConnectionError(err('getaddrinfo ENOTFOUND db1.internal', { code: 'ENOTFOUND' }), target);
    expect(result.kind).toBe('unknown_host');
    expect(result.message).toContain('db1.internal');
  });

  it('classifies driver connect timeouts', () => {
    expect(classifyConnectionError(err('Connection terminated due to connection timeout'), target).kind).toBe('timeout');
    expect(classifyConnectionError(err('connect ETIMEDOUT', { code: 'ETIMEDOUT' }), target).kind).toBe('timeout');
  });

  it('keeps the driver message for anything else', () => {
    expect(classifyConnectionError(err('syntax error at or near "SELEC"', { code: '42601' }), target)).toEqual({
      kind: 'other',
      message: 'syntax error at or near "SELEC"',
    });
  });
});
