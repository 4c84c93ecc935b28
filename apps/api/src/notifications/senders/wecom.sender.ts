import type { UrlSettings } from '../channel-settings';
import { messageMarkdown } from '../notice-format';
import { errcodeRefusal, postJson } from './http-post';
import type { Sender } from './sender';

/** WeCom's limit on a markdown message, in bytes of UTF-8. */
const MARKDOWN_MAX_BYTES = 4096;

/** WeCom (企业微信) group robot: the `key` is in the URL; markdown message. */
export const sendWeCom: Sender<UrlSettings> = (settings, message, options) => {
  let content = messageMarkdown(message);
  while (Buffer.byteLength(content, 'utf8') > MARKDOWN_MAX_BYTES) content = `${content.slice(0, Math.floor(content.length * 0.9))}…`;
  const body = JSON.stringify({ msgtype: 'markdown', markdown: { content } });
  return postJson({ url: settings.url, body, timeoutMs: options.timeoutMs, refusal: errcodeRefusal });
};
