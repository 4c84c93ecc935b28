import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readOrCreateSecretFile } from './secret-file';

describe('readOrCreateSecretFile', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'capacity-secret-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('creates a secret of the size asked, mode 0600, and reads the same one back', async () => {
    const path = join(tempDir(), 'nested', 'secret.key');
    const created = await readOrCreateSecretFile(path, 32);
    expect(created).toHaveLength(32);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect((await readOrCreateSecretFile(path, 32)).equals(created)).toBe(true);
  });

  it('gives every one of many concurrent first readers the one whole secret, leaving no file aside', async () => {
    const dir = tempDir();
    const path = join(dir, 'secret.key');
    const secrets = await Promise.all(Array.from({ length: 20 }, () => readOrCreateSecretFile(path, 32)));
    for (const secret of secrets) {
      expect(secret).toHaveLength(32);
      expect(secret.equals(secrets[0] as Buffer)).toBe(true);
    }
    expect(readdirSync(dir)).toEqual(['secret.key']);
  });
});
