import type { SignedUrlSettings } from '../channel-settings';
import { createHmac } from 'node:crypto';
import type { AlertNotice } from '../alert-notice';
import { chatNotices, messageIntro, messageTitle, noticeFields, noticeTitle, type OutgoingMessage } from '../notice-format';
import { postJson } from './http-post';
import type { Sender } from './sender';

/**
 * Feishu/Lark's signature check: sign = base64(HmacSHA256(key = timestamp + "\n" + secret, message = "")), the
 * timestamp in seconds; both go into the JSON body.
 */
export function feishuSign(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

/** Feishu answers 200 with `code` (or the older `StatusCode`) ≠ 0 when it refuses a message. */
function feishuRefusal(answer: Record<string, unknown>): string | null {
  const code = answer.code ?? answer.StatusCode;
  return code === undefined || code === 0 ? null : `code ${String(code)} ${String(answer.msg ?? answer.StatusMessage ?? '')}`.trim();
}

function template(message: OutgoingMessage): string {
  if (message.purpose === 'test') return 'blue';
  if (message.notices.every((notice) => notice.transition === 'resolved')) return 'green';
  return message.notices.some((notice) => notice.severity === 'critical') ? 'red' : 'orange';
}

function noticeElement(notice: AlertNotice): Record<string, unknown> {
  const lines = [`**${noticeTitle(notice)}**`, notice.summary, ...noticeFields(notice).map(([label, value]) => `**${label}:** ${value}`)];
  return { tag: 'div', text: { tag: 'lark_md', content: lines.join('\n') } };
}

/** An interactive card: a header coloured by severity, one block per notice. */
export function feishuCard(message: OutgoingMessage): Record<string, unknown> {
  const intro = messageIntro(message);
  const elements: Record<string, unknown>[] = intro ? [{ tag: 'div', text: { tag: 'lark_md', content: intro } }] : [];
  const { shown, more } = chatNotices(message);
  shown.forEach((notice, index) => {
    if (index > 0) elements.push({ tag: 'hr' });
    elements.push(noticeElement(notice));
  });
  if (more) elements.push({ tag: 'div', text: { tag: 'lark_md', content: more } });
  return {
    config: { wide_screen_mode: true },
    header: { template: template(message), title: { tag: 'plain_text', content: messageTitle(message) } },
    elements,
  };
}

export const sendFeishu: Sender<SignedUrlSettings> = (settings, message, options) => {
  const signature: Record<string, string> = {};
  if (settings.secret) {
    const timestamp = Math.floor(options.now().getTime() / 1000);
    signature.timestamp = String(timestamp);
    signature.sign = feishuSign(settings.secret, timestamp);
  }
  const body = JSON.stringify({ ...signature, msg_type: 'interactive', card: feishuCard(message) });
  return postJson({ url: settings.url, body, timeoutMs: options.timeoutMs, refusal: feishuRefusal });
};
