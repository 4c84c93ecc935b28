import type { ChannelSettings } from '../channel-settings';
import type { OutgoingMessage } from '../notice-format';
import { sendDingTalk } from './dingtalk.sender';
import { sendEmail } from './email.sender';
import { sendFeishu } from './feishu.sender';
import type { SendOptions, SendResult } from './sender';
import { sendSlack } from './slack.sender';
import { sendWebhook } from './webhook.sender';
import { sendWeCom } from './wecom.sender';

/** One attempt through the sender of the channel's kind. */
export function sendOnce(settings: ChannelSettings, message: OutgoingMessage, options: SendOptions): Promise<SendResult> {
  switch (settings.kind) {
    case 'email':
      return sendEmail(settings, message, options);
    case 'webhook':
      return sendWebhook(settings, message, options);
    case 'slack':
      return sendSlack(settings, message, options);
    case 'dingtalk':
      return sendDingTalk(settings, message, options);
    case 'wecom':
      return sendWeCom(settings, message, options);
    case 'feishu':
      return sendFeishu(settings, message, options);
  }
}
