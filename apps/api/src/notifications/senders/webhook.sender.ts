import type { SignedUrlSettings } from '../channel-settings';
import { createHmac } from 'node:crypto';
import type { AlertNotice } from '../alert-notice';
import { messageTitle } from '../notice-format';
import { postJson } from './http-post';
import type { Sender } from './sender';

export const SIGNATURE_HEADER = 'X-Capacity-Signature';

/** The generic webhook's body: the notices as the alerts module made them, snake_case like the API. */
export function webhookBody(purpose: string, title: string, notices: AlertNotice[], sentAt: Date): Record<string, unknown> {
  return {
    source: 'capacity',
    purpose,
    title,
    sent_at: sentAt.toISOString(),
    notices: notices.map((notice) => ({
      event_id: notice.eventId,
      transition: notice.transition,
      rule_id: notice.ruleId,
      rule_name: notice.ruleName,
      rule_type: notice.ruleType,
      severity: notice.severity,
      instance: notice.instance && { id: notice.instance.id, name: notice.instance.name, db_type: notice.instance.dbType, host: notice.instance.host },
      database_name: notice.databaseName,
      size_bytes: notice.sizeBytes,
      limit_bytes: notice.limitBytes,
      days_to_full: notice.daysToFull,
      summary: notice.summary,
      started_at: notice.startedAt,
      resolved_at: notice.resolvedAt,
    })),
  };
}

/** `sha256=<hex HMAC-SHA256 of the raw body, keyed with the channel's secret>` (the GitHub convention). */
export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

export const sendWebhook: Sender<SignedUrlSettings> = (settings, message, options) => {
  const body = JSON.stringify(webhookBody(message.purpose, messageTitle(message), message.notices, options.now()));
  const headers: Record<string, string> = settings.secret ? { [SIGNATURE_HEADER]: webhookSignature(settings.secret, body) } : {};
  return postJson({ url: settings.url, body, headers, timeoutMs: options.timeoutMs });
};
