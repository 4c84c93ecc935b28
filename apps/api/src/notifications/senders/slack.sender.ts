import type { UrlSettings } from '../channel-settings';
import { messageIntro, messageText, messageTitle, noticeFields, noticeTitle } from '../notice-format';
import { postJson } from './http-post';
import type { Sender } from './sender';

/** Slack's limit on a section's text. */
const SECTION_TEXT_MAX = 3000;
/** Slack's limit of blocks in one message. */
const BLOCKS_MAX = 50;

/** Incoming webhook: `text` (the notification fallback) and Block Kit sections, one per notice. */
export const sendSlack: Sender<UrlSettings> = (settings, message, options) => {
  const intro = messageIntro(message);
  const blocks: Record<string, unknown>[] = [{ type: 'header', text: { type: 'plain_text', text: messageTitle(message).slice(0, 150) } }];
  if (intro) blocks.push(section(intro));
  for (const notice of message.notices.slice(0, BLOCKS_MAX - 2)) {
    const lines = [`*${noticeTitle(notice)}*`, notice.summary, ...noticeFields(notice).map(([label, value]) => `*${label}:* ${value}`)];
    blocks.push(section(lines.join('\n')));
  }
  const body = JSON.stringify({ text: `${messageTitle(message)}\n${messageText(message)}`, blocks });
  // Slack answers 200 "ok", or 4xx with a reason ("invalid_payload", "no_service").
  return postJson({ url: settings.url, body, timeoutMs: options.timeoutMs });
};

function section(text: string): Record<string, unknown> {
  return { type: 'section', text: { type: 'mrkdwn', text: text.slice(0, SECTION_TEXT_MAX) } };
}
