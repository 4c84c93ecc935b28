/**
 * What the alerts module hands the notifications module: one notice per event transition. The dispatcher renders it
 * per channel kind (e-mail, webhook JSON, Slack, DingTalk, WeCom, Feishu); the generic webhook sends it as is.
 */
export interface AlertNotice {
  eventId: number;
  transition: 'firing' | 'repeat' | 'resolved';
  ruleId: number;
  ruleName: string;
  ruleType: string;
  severity: 'warning' | 'critical';
  instance: { id: number; name: string; dbType: string; host: string } | null;
  databaseName: string | null;
  sizeBytes: number | null;
  limitBytes: number | null;
  daysToFull: number | null;
  summary: string;
  /** ISO 8601 date-time. */
  startedAt: string;
  /** ISO 8601 date-time; null while firing. */
  resolvedAt: string | null;
}
