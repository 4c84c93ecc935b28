import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { join } from 'node:path';
import { readOrCreateSecretFile } from './secret-file';

const ALGORITHM = 'aes-256-gcm';
const VERSION = 'v1';
const IV_BYTES = 12;
const KEY_BYTES = 32;
/** Fixed salt: the same APP_SECRET_KEY must give the same key on every replica and restart. */
const KEY_SALT = 'capacity/instance-credentials/v1';

export const SECRET_KEY_FILE = 'secret.key';

export class CredentialCipherError extends Error {}

/**
 * AES-256-GCM for instance passwords at rest. A stored value is `v1.<iv>.<tag>.<ciphertext>`
 * (base64url parts); a fresh random IV per value, so equal passwords never look alike.
 */
export class CredentialCipher {
  private constructor(private readonly key: Buffer) {}

  /** Key from APP_SECRET_KEY (scrypt-derived) or from the generated `DATA_DIR/secret.key` (mode 0600). */
  static async fromConfig(config: { appSecretKey?: string; dataDir: string }): Promise<CredentialCipher> {
    if (config.appSecretKey) return CredentialCipher.fromSecret(config.appSecretKey);
    const key = await readOrCreateSecretFile(join(config.dataDir, SECRET_KEY_FILE), KEY_BYTES);
    if (key.length !== KEY_BYTES) throw new CredentialCipherError(`${SECRET_KEY_FILE} must hold ${KEY_BYTES} bytes (base64)`);
    return new CredentialCipher(key);
  }

  static fromSecret(secret: string): CredentialCipher {
    return new CredentialCipher(scryptSync(secret, KEY_SALT, KEY_BYTES));
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
  }

  decrypt(stored: string): string {
    const [version, iv, tag, ciphertext] = stored.split('.');
    if (version !== VERSION || iv === undefined || tag === undefined || ciphertext === undefined) {
      throw new CredentialCipherError('stored credential has an unknown format');
    }
    try {
      const decipher = createDecipheriv(ALGORITHM, this.key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      // Wrong key (APP_SECRET_KEY changed, secret.key replaced) or a tampered value.
      throw new CredentialCipherError('stored credential cannot be decrypted with the current key');
    }
  }
}
