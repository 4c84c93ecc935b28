import type { NotificationPurpose } from '@capacity/contracts';
import type { AlertNotice } from './alert-notice';

/** What one send carries: one notice (immediate), the queued notices (digest), or none (test). */
export interface OutgoingMessage {
  purpose: NotificationPurpose;
  channelName: string;
  notices: AlertNotice[];
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return 'unknown';
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(2)} ${UNITS[unit]} (${bytes} bytes)`;
}

export function formatDaysToFull(days: number | null): string {
  return days === null ? 'unknown' : `${Math.round(days * 10) / 10} days`;
}

const TRANSITION_LABEL: Record<AlertNotice['transition'], string> = { firing: 'FIRING', repeat: 'STILL FIRING', resolved: 'RESOLVED' };

/** `[FIRING] critical · Disk almost full · orders-primary / sales` */
export function noticeTitle(notice: AlertNotice): string {
  const target = [notice.instance?.name, notice.databaseName].filter(Boolean).join(' / ');
  return `[${TRANSITION_LABEL[notice.transition]}] ${notice.severity} · ${notice.ruleName}${target ? ` · ${target}` : ''}`;
}

/** Label/value lines of a notice, the same in every format. */
export function noticeFields(notice: AlertNotice): [string, string][] {
  const instance = notice.instance ? `${notice.instance.name} (${notice.instance.dbType}, ${notice.instance.host})` : 'all instances';
  const fields: [string, string][] = [
    ['Instance', instance],
    ['Database', notice.databaseName ?? '—'],
    ['Size', formatBytes(notice.sizeBytes)],
    ['Limit', formatBytes(notice.limitBytes)],
    ['Days to full', formatDaysToFull(notice.daysToFull)],
    ['Rule', `${notice.ruleName} (${notice.ruleType})`],
    ['Started', notice.startedAt],
  ];
  if (notice.resolvedAt) fields.push(['Resolved', notice.resolvedAt]);
  return fields;
}

export function messageTitle(message: OutgoingMessage): string {
  if (message.purpose === 'test') return `Capacity: test notification for channel "${message.channelName}"`;
  if (message.purpose === 'digest') return `Capacity digest: ${message.notices.length} alert notice${message.notices.length === 1 ? '' : 's'}`;
  if (message.notices.length === 1) return `Capacity ${noticeTitle(message.notices[0])}`;
  return `Capacity: ${message.notices.length} alert notices`;
}

export function messageIntro(message: OutgoingMessage): string | null {
  return message.purpose === 'test' ? `This is a test message from Capacity: channel "${message.channelName}" is set up correctly.` : null;
}

/** Plain text (e-mail text part, and the body of the chat formats without markup). */
export function messageText(message: OutgoingMessage): string {
  const parts: string[] = [];
  const intro = messageIntro(message);
  if (intro) parts.push(intro);
  for (const notice of message.notices) {
    parts.push([noticeTitle(notice), notice.summary, ...noticeFields(notice).map(([label, value]) => `${label}: ${value}`)].join('\n'));
  }
  return parts.join('\n\n');
}

/** Notices a chat message shows (the robots refuse long messages); the rest are counted in a closing line. */
export const CHAT_NOTICES_MAX = 20;

/** The notices a chat format shows, and the line that counts the rest (null when none is left out). */
export function chatNotices(message: OutgoingMessage): { shown: AlertNotice[]; more: string | null } {
  const hidden = message.notices.length - CHAT_NOTICES_MAX;
  return { shown: message.notices.slice(0, CHAT_NOTICES_MAX), more: hidden > 0 ? `…and ${hidden} more notice${hidden === 1 ? '' : 's'}` : null };
}

/** Markdown (DingTalk, WeCom), at most CHAT_NOTICES_MAX notices. */
export function messageMarkdown(message: OutgoingMessage): string {
  const bold = (text: string) => `**${text}**`;
  const parts: string[] = [`${bold(messageTitle(message))}`];
  const intro = messageIntro(message);
  if (intro) parts.push(intro);
  const { shown, more } = chatNotices(message);
  for (const notice of shown) {
    parts.push([bold(noticeTitle(notice)), notice.summary, ...noticeFields(notice).map(([label, value]) => `- ${label}: ${value}`)].join('\n'));
  }
  if (more) parts.push(more);
  return parts.join('\n\n');
}
