import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CredentialCipher, CredentialCipherError, SECRET_KEY_FILE } from './credential-cipher';

describe('CredentialCipher', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'capacity-cipher-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('round-trips a password without the plaintext appearing in the stored value', () => {
    const cipher = CredentialCipher.fromSecret('a-long-enough-secret');
    const stored = cipher.encrypt('s3cret-Passw0rd');
    expect(stored).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(stored).not.toContain('s3cret');
    expect(cipher.decrypt(stored)).toBe('s3cret-Passw0rd');
  });

  it('uses a fresh IV: the same password encrypts differently each time', () => {
    const cipher = CredentialCipher.fromSecret('a-long-enough-secret');
    expect(cipher.encrypt('same')).not.toBe(cipher.encrypt('same'));
  });

  it('derives the same key from the same APP_SECRET_KEY (restarts, replicas)', () => {
    const stored = CredentialCipher.fromSecret('a-long-enough-secret').encrypt('pw');
    expect(CredentialCipher.fromSecret('a-long-enough-secret').decrypt(stored)).toBe('pw');
  });

  it('refuses to decrypt with another key', () => {
    const stored = CredentialCipher.fromSecret('a-long-enough-secret').encrypt('pw');
    expect(() => CredentialCipher.fromSecret('another-secret-value').decrypt(stored)).toThrow(CredentialCipherError);
  });

  it('detects a tampered ciphertext (GCM tag)', () => {
    const cipher = CredentialCipher.fromSecret('a-long-enough-secret');
    const [version, iv, tag, body] = cipher.encrypt('password').split('.');
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] ^= 1;
    expect(() => cipher.decrypt([version, iv, tag, flipped.toString('base64url')].join('.'))).toThrow(/cannot be decrypted/);
  });

  it('refuses a value of unknown format', () => {
    expect(() => CredentialCipher.fromSecret('a-long-enough-secret').decrypt('plain-text')).toThrow(/unknown format/);
  });

  it('without APP_SECRET_KEY generates DATA_DIR/secret.key with mode 0600 and reuses it', async () => {
    const first = await CredentialCipher.fromConfig({ dataDir });
    const file = join(dataDir, SECRET_KEY_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(Buffer.from((await readFile(file, 'utf8')).trim(), 'base64')).toHaveLength(32);
    const stored = first.encrypt('pw');
    const second = await CredentialCipher.fromConfig({ dataDir });
    expect(second.decrypt(stored)).toBe('pw');
  });

  it('with APP_SECRET_KEY writes no key file', async () => {
    await CredentialCipher.fromConfig({ dataDir, appSecretKey: 'a-long-enough-secret' });
    await expect(stat(join(dataDir, SECRET_KEY_FILE))).rejects.toThrow(/ENOENT/);
  });
});
