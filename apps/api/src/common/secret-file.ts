import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Reads a generated secret, creating it (mode 0600) on first use. */
export async function readOrCreateSecretFile(path: string, bytes = 32): Promise<Buffer> {
  if (existsSync(path)) return Buffer.from((await readFile(path, 'utf8')).trim(), 'base64');
  await mkdir(dirname(path), { recursive: true });
  const secret = randomBytes(bytes);
  await writeFile(path, `${secret.toString('base64')}\n`, { mode: 0o600, flag: 'wx' }).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  return Buffer.from((await readFile(path, 'utf8')).trim(), 'base64');
}
