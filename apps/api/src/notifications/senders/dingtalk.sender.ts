import type { SignedUrlSettings } from '../channel-settings';
import { createHmac } from 'node:crypto';
import { messageMarkdown, messageTitle } from '../notice-format';
import { errcodeRefusal, postJson } from './http-post';
import type { Sender } from './sender';

/**
 * DingTalk's "加签": sign = urlEncode(base64(HmacSHA256(key = secret, message = timestamp + "\n" + secret))), the
 * timestamp in milliseconds; both go into the query string next to access_token. Returns the base64 value
 * (URLSearchParams encodes it).
 */
export function dingTalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

export const sendDingTalk: Sender<SignedUrlSettings> = (settings, message, options) => {
  const url = new URL(settings.url);
  if (settings.secret) {
    const timestamp = options.now().getTime();
    url.searchParams.set('timestamp', String(timestamp));
    url.searchParams.set('sign', dingTalkSign(settings.secret, timestamp));
  }
  const body = JSON.stringify({ msgtype: 'markdown', markdown: { title: messageTitle(message), text: messageMarkdown(message) } });
  return postJson({ url: url.toString(), body, timeoutMs: options.timeoutMs, refusal: errcodeRefusal });
};
