/** Notification channel kinds and modes (issue 17); safe for the SPA bundle. */
export const NOTIFICATION_CHANNEL_KINDS = ['email', 'webhook', 'slack', 'dingtalk', 'wecom', 'feishu'] as const;
export type NotificationChannelKind = (typeof NOTIFICATION_CHANNEL_KINDS)[number];

/** `immediate`: sent on firing, repeat and resolve; `digest`: queued and sent as one message at ALERT_DIGEST_CRON. */
export const NOTIFICATION_CHANNEL_MODES = ['immediate', 'digest'] as const;
export type NotificationChannelMode = (typeof NOTIFICATION_CHANNEL_MODES)[number];

/** How an e-mail channel secures SMTP: none, STARTTLS upgrade, or TLS from the first byte (implicit TLS, port 465). */
export const SMTP_TLS_MODES = ['none', 'starttls', 'tls'] as const;
export type SmtpTlsMode = (typeof SMTP_TLS_MODES)[number];

/** What a delivery attempt was for. */
export const NOTIFICATION_PURPOSES = ['alert', 'digest', 'test'] as const;
export type NotificationPurpose = (typeof NOTIFICATION_PURPOSES)[number];

export const NOTIFICATION_CHANNEL_NAME_MAX = 128;
export const NOTIFICATION_URL_MAX = 2048;
export const NOTIFICATION_SECRET_MAX = 512;
export const NOTIFICATION_EMAIL_RECIPIENTS_MAX = 50;
