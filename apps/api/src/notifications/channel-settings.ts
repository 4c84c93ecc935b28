import type { NotificationChannelKind, NotificationChannelMode, SmtpTlsMode } from '@capacity/contracts';

/** Everything a sender needs, secrets decrypted: lives only between the repository and the sender. */
export interface EmailSettings {
  kind: 'email';
  host: string;
  port: number;
  tlsMode: SmtpTlsMode;
  user: string | null;
  password: string | null;
  from: string;
  to: string[];
}
/** A robot/webhook URL with an optional signing secret. */
export interface SignedUrlSettings {
  kind: 'webhook' | 'dingtalk' | 'feishu';
  url: string;
  secret: string | null;
}
export interface UrlSettings {
  kind: 'slack' | 'wecom';
  url: string;
}
export type ChannelSettings = EmailSettings | SignedUrlSettings | UrlSettings;

export interface ResolvedChannel {
  id: number;
  name: string;
  kind: NotificationChannelKind;
  mode: NotificationChannelMode;
  enabled: boolean;
  settings: ChannelSettings;
}

/** The non-secret half (the `config` column) and the secret half (encrypted, `secret_encrypted`). */
export interface StoredSettings {
  config: Record<string, unknown>;
  secret: Record<string, string> | null;
}

/** Kinds whose URL comes with an optional signing secret. */
export const SIGNED_URL_KINDS: readonly NotificationChannelKind[] = ['webhook', 'dingtalk', 'feishu'];

export function splitSettings(settings: ChannelSettings): StoredSettings {
  if (settings.kind === 'email') {
    const { host, port, tlsMode, user, from, to, password } = settings;
    return { config: { host, port, tls_mode: tlsMode, user, from, to, has_secret: Boolean(password) }, secret: password ? { password } : null };
  }
  // The URL of every robot/webhook carries its access token: it is a secret as a whole; only its origin is shown.
  const secret: Record<string, string> = { url: settings.url };
  if ('secret' in settings && settings.secret) secret.secret = settings.secret;
  return { config: { origin: new URL(settings.url).origin, has_secret: Boolean(secret.secret) }, secret };
}

export function joinSettings(kind: NotificationChannelKind, config: Record<string, unknown>, secret: Record<string, string> | null): ChannelSettings {
  if (kind === 'email') {
    return {
      kind,
      host: String(config.host),
      port: Number(config.port),
      tlsMode: config.tls_mode as SmtpTlsMode,
      user: typeof config.user === 'string' ? config.user : null,
      password: secret?.password ?? null,
      from: String(config.from),
      to: Array.isArray(config.to) ? config.to.map(String) : [],
    };
  }
  const url = secret?.url ?? '';
  if (kind === 'slack' || kind === 'wecom') return { kind, url };
  return { kind, url, secret: secret?.secret ?? null };
}
