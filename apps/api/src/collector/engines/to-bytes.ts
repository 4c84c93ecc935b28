/** Driver values (bigint strings from pg/mysql2/tedious, numbers from oracledb) → a safe integer byte count. */
export function toBytes(value: unknown): number {
  if (value === null || value === undefined || value === '') return 0;
  const bytes = typeof value === 'bigint' ? Number(value) : Number(value);
  if (!Number.isFinite(bytes) || bytes < 0) throw new Error(`unexpected size value from the server: ${String(value)}`);
  return Math.round(bytes);
}

/** Database errors carry their code as `code` (pg SQLSTATE, mysql2 name) or `errno` (mysql2 number). */
export function errorCode(error: unknown): string {
  const shape = (error ?? {}) as { code?: unknown; errno?: unknown };
  return `${String(shape.code ?? '')}|${String(shape.errno ?? '')}`;
}
