import type { UrlSettings } from '../channel-settings';
import { chatNotices, messageIntro, messageTitle, noticeFields, noticeTitle } from '../notice-format';
import { postJson } from './http-post';
import type { Sender } from './sender';

/** Slack's limit on a section's text. */
const SECTION_TEXT_MAX = 3000;

/** Incoming webhook: `text` (the notification fallback) and Block Kit sections, one per notice (at most CHAT_NOTICES_MAX). */
export const sendSlack: Sender<UrlSettings> = (settings, message, options) => {
  const intro = messageIntro(message);
  const blocks: Record<string, unknown>[] = [{ type: 'header', text: { type: 'plain_text', text: messageTitle(message).slice(0, 150) } }];
  if (intro) blocks.push(section(intro));
  const { shown, more } = chatNotices(message);
  for (const notice of shown) {
    const lines = [`*${noticeTitle(notice)}*`, notice.summary, ...noticeFields(notice).map(([label, value]) => `*${label}:* ${value}`)];
    blocks.push(section(lines.join('\n')));
  }
  if (more) blocks.push(section(more));
  const body = JSON.stringify({ text: messageTitle(message), blocks });
  // Slack answers 200 "ok", or 4xx with a reason ("invalid_payload", "no_service").
  return postJson({ url: settings.url, body, timeoutMs: options.timeoutMs });
};

function section(text: string): Record<string, unknown> {
  return { type: 'section', text: { type: 'mrkdwn', text: text.slice(0, SECTION_TEXT_MAX) } };
}
