import type { Logger } from '@nestjs/common';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Client } from 'pg';

const WEAK_METHODS = new Set(['password', 'md5', 'trust']);
const METHOD_COLUMN: Record<string, number> = { local: 3, host: 4, hostssl: 4, hostnossl: 4, hostgssenc: 4, hostnogssenc: 4 };
const ADDRESS_MASK = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * pg_hba.conf with every `password` (cleartext on the wire), `md5` and `trust` method replaced by `scram-sha-256`.
 * Comments, spacing and options after the method are kept.
 */
export function toScramHba(text: string): { text: string; changed: number } {
  let changed = 0;
  const lines = text.split('\n').map((line) => {
    if (/^\s*(#|$)/.test(line)) return line;
    const parts = line.split(/(\s+)/); // tokens at even indexes, the whitespace between them at odd ones
    const tokens = parts.filter((_, index) => index % 2 === 0);
    const leading = tokens[0] === '' ? 1 : 0; // an indented line starts with an empty token
    let column = METHOD_COLUMN[tokens[leading]];
    if (column === undefined) return line;
    // "host db user 10.0.0.0 255.0.0.0 method": an address written with a separate netmask.
    if (column === 4 && ADDRESS_MASK.test(tokens[leading + 3] ?? '') && ADDRESS_MASK.test(tokens[leading + 4] ?? '')) column = 5;
    const at = (leading + column) * 2;
    if (!WEAK_METHODS.has(parts[at] ?? '')) return line;
    parts[at] = 'scram-sha-256';
    changed += 1;
    return parts.join('');
  });
  return { text: lines.join('\n'), changed };
}

/**
 * Brings a cluster created before scram-sha-256 up to it: the user's password is stored as a SCRAM verifier (a
 * cleartext or md5 login works against it) and then pg_hba.conf asks for scram-sha-256; the server reloads.
 */
export async function ensureScramAuthentication(client: Client, clusterDir: string, user: string, password: string, logger: Logger): Promise<void> {
  const { rows } = await client.query<{ scram: boolean }>(`SELECT coalesce(rolpassword LIKE 'SCRAM-SHA-256$%', false) AS scram FROM pg_authid WHERE rolname = $1`, [user]);
  if (!rows[0]?.scram) {
    await client.query(`SET password_encryption = 'scram-sha-256'`);
    await client.query(`ALTER ROLE ${client.escapeIdentifier(user)} PASSWORD ${client.escapeLiteral(password)}`);
    logger.log(`the password of "${user}" is now stored as scram-sha-256`);
  }
  const file = join(clusterDir, 'pg_hba.conf');
  const hba = toScramHba(await readFile(file, 'utf8'));
  if (hba.changed === 0) return;
  await writeFile(file, hba.text); // in place: the owner (postgres when run as root) and mode stay
  await client.query('SELECT pg_reload_conf()');
  logger.log(`pg_hba.conf: ${hba.changed} rule(s) now ask for scram-sha-256`);
}
