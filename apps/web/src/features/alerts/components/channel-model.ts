import {
  NOTIFICATION_EMAIL_RECIPIENTS_MAX,
  type NotificationChannelKind,
  type NotificationChannelMode,
  type SmtpTlsMode,
} from '@capacity/contracts';
import type { MessageKey } from '../../../i18n';
import type { CreateNotificationChannelBody, NotificationChannelResponse, UpdateNotificationChannelBody } from '../../../lib/api-types';

/** The kinds that take an optional signing secret (the webhook's HMAC key, DingTalk's and Feishu's sign secret). */
export const SIGNED_KINDS: readonly NotificationChannelKind[] = ['webhook', 'dingtalk', 'feishu'];

/** A stored secret (or password) on edit: kept, replaced by the one typed, or removed. Never shown. */
export type SecretAction = 'keep' | 'replace' | 'remove';

export interface ChannelValues {
  name: string;
  kind: NotificationChannelKind;
  mode: NotificationChannelMode;
  enabled: boolean;
  /** Write-only: on edit, empty keeps the stored one. */
  url: string;
  secret: string;
  secretAction: SecretAction;
  host: string;
  port: string;
  tlsMode: SmtpTlsMode;
  user: string;
  from: string;
  /** Recipients, separated by commas, semicolons or line breaks. */
  to: string;
}

export const CHANNEL_FIELDS = [
  'name', 'kind', 'mode', 'enabled', 'url', 'secret',
  'email.host', 'email.port', 'email.tls_mode', 'email.user', 'email.password', 'email.from', 'email.to',
] as const;
export type ChannelField = (typeof CHANNEL_FIELDS)[number];
export type ChannelErrors = Partial<Record<ChannelField, MessageKey>>;

export const emptyChannel = (): ChannelValues => ({
  name: '', kind: 'webhook', mode: 'immediate', enabled: true, url: '', secret: '', secretAction: 'replace',
  host: '', port: '587', tlsMode: 'starttls', user: '', from: '', to: '',
});

export function channelValues(channel: NotificationChannelResponse): ChannelValues {
  const email = channel.email;
  return {
    ...emptyChannel(),
    name: channel.name,
    kind: channel.kind,
    mode: channel.mode,
    enabled: channel.enabled,
    secretAction: channel.has_secret ? 'keep' : 'replace',
    host: email?.host ?? '',
    port: email ? String(email.port) : '587',
    tlsMode: email?.tls_mode ?? 'starttls',
    user: email?.user ?? '',
    from: email?.from ?? '',
    to: email?.to.join(', ') ?? '',
  };
}

export const recipientsOf = (text: string): string[] => text.split(/[\s,;]+/).filter((part) => part.length > 0);

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** What the API would refuse, checked before sending (the API's own checks stay the rule: its messages land on the fields too). */
export function validateChannel(values: ChannelValues, editing: boolean): ChannelErrors {
  const errors: ChannelErrors = {};
  if (values.name.trim() === '') errors.name = 'validation.nameRequired';
  if (values.kind === 'email') {
    if (values.host.trim() === '') errors['email.host'] = 'validation.hostRequired';
    const port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port < 1 || port > 65535) errors['email.port'] = 'validation.port';
    if (!EMAIL.test(values.from.trim())) errors['email.from'] = 'channels.invalidEmail';
    const to = recipientsOf(values.to);
    if (to.length === 0 || to.length > NOTIFICATION_EMAIL_RECIPIENTS_MAX || !to.every((address) => EMAIL.test(address))) errors['email.to'] = 'channels.invalidRecipients';
  } else if (!(editing && values.url === '') && !/^https?:\/\/\S+$/i.test(values.url.trim())) {
    errors.url = 'channels.invalidUrl';
  }
  return errors;
}

/** The secret field of the body: left out keeps it, null removes it. */
function secretOf(values: ChannelValues): { secret?: string | null } {
  if (values.secretAction === 'remove') return { secret: null };
  if (values.secretAction === 'replace' && values.secret !== '') return { secret: values.secret };
  return {};
}

function emailOf(values: ChannelValues) {
  const password = secretOf(values).secret;
  return {
    host: values.host.trim(),
    port: Number(values.port),
    tls_mode: values.tlsMode,
    user: values.user.trim() === '' ? null : values.user.trim(),
    from: values.from.trim(),
    to: recipientsOf(values.to),
    ...(password === undefined ? {} : { password }),
  };
}

export function createChannelBody(values: ChannelValues): CreateNotificationChannelBody {
  const base = { name: values.name.trim(), kind: values.kind, mode: values.mode, enabled: values.enabled };
  if (values.kind === 'email') return { ...base, email: emailOf(values) };
  return { ...base, url: values.url.trim(), ...(SIGNED_KINDS.includes(values.kind) ? secretOf(values) : {}) };
}

export function updateChannelBody(values: ChannelValues): UpdateNotificationChannelBody {
  const base = { name: values.name.trim(), mode: values.mode, enabled: values.enabled };
  if (values.kind === 'email') return { ...base, email: emailOf(values) };
  return {
    ...base,
    ...(values.url.trim() === '' ? {} : { url: values.url.trim() }),
    ...(SIGNED_KINDS.includes(values.kind) ? secretOf(values) : {}),
  };
}
