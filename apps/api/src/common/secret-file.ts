import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Reads a generated secret, creating it (mode 0600) on first use. The file appears whole or not at all (written
 * aside, then linked into place), so a process starting beside another never reads it half written.
 */
export async function readOrCreateSecretFile(path: string, bytes = 32): Promise<Buffer> {
  if (!existsSync(path)) {
    await mkdir(dirname(path), { recursive: true });
    const aside = `${path}.${process.pid}.${randomBytes(6).toString('hex')}`;
    await writeFile(aside, `${randomBytes(bytes).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    try {
      await link(aside, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await unlink(aside);
    }
  }
  return Buffer.from((await readFile(path, 'utf8')).trim(), 'base64');
}
