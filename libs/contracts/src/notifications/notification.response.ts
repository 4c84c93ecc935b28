import { ApiProperty } from '@nestjs/swagger';
import {
  NOTIFICATION_CHANNEL_KINDS,
  NOTIFICATION_CHANNEL_MODES,
  NOTIFICATION_PURPOSES,
  SMTP_TLS_MODES,
  type NotificationChannelKind,
  type NotificationChannelMode,
  type NotificationPurpose,
  type SmtpTlsMode,
} from './notification.types';

/** The SMTP settings of an e-mail channel, without its password. */
export class EmailChannelSettingsResponse {
  @ApiProperty({ type: 'string' }) host!: string;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 65535 }) port!: number;
  @ApiProperty({ enum: SMTP_TLS_MODES, enumName: 'SmtpTlsMode' }) tls_mode!: SmtpTlsMode;
  @ApiProperty({ type: 'string', nullable: true }) user!: string | null;
  @ApiProperty({ type: 'string' }) from!: string;
  @ApiProperty({ type: [String] }) to!: string[];
}

/** A notification channel; never its secrets (password, signing secret, the URL with its token). */
export class NotificationChannelResponse {
  @ApiProperty({ type: 'integer', minimum: 1 }) id!: number;
  @ApiProperty({ type: 'string' }) name!: string;
  @ApiProperty({ enum: NOTIFICATION_CHANNEL_KINDS, enumName: 'NotificationChannelKind' }) kind!: NotificationChannelKind;
  @ApiProperty({ enum: NOTIFICATION_CHANNEL_MODES, enumName: 'NotificationChannelMode' }) mode!: NotificationChannelMode;
  @ApiProperty({ type: 'boolean' }) enabled!: boolean;
  @ApiProperty({ type: EmailChannelSettingsResponse, nullable: true, description: 'SMTP settings of an email channel; null for the other kinds' })
  email!: EmailChannelSettingsResponse | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'Scheme, host and port of the webhook or robot URL (the rest carries its token and is never returned); null for email' })
  url_origin!: string | null;
  @ApiProperty({ type: 'boolean', description: 'Whether a password (email) or signing secret is stored; the secret itself is never returned' }) has_secret!: boolean;
  @ApiProperty({ type: 'string', format: 'date-time' }) created_at!: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) updated_at!: string;
}

/** One attempt to deliver a message to a channel. */
export class NotificationDeliveryResponse {
  @ApiProperty({ type: 'integer', minimum: 1 }) id!: number;
  @ApiProperty({ type: 'integer', minimum: 1 }) channel_id!: number;
  @ApiProperty({ enum: NOTIFICATION_PURPOSES, enumName: 'NotificationPurpose', description: 'alert: immediate notice; digest: the daily digest; test: the test endpoint' })
  purpose!: NotificationPurpose;
  @ApiProperty({ type: 'array', items: { type: 'integer' }, description: 'The alert events the message told about' }) event_ids!: number[];
  @ApiProperty({ type: 'integer', minimum: 1, description: '1 for the first attempt, 2 for the first retry, …' }) attempt!: number;
  @ApiProperty({ type: 'boolean' }) ok!: boolean;
  @ApiProperty({ type: 'integer', nullable: true, description: 'HTTP status of the answer; null for e-mail or when none came' }) status_code!: number | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'Why the attempt failed; null when ok' }) error!: string | null;
  @ApiProperty({ type: 'integer', minimum: 0 }) duration_ms!: number;
  @ApiProperty({ type: 'string', format: 'date-time' }) attempted_at!: string;
}

/** POST /notification-channels/:id/test: how the test message went, after its retries. */
export class NotificationTestResponse {
  @ApiProperty({ type: 'boolean' }) ok!: boolean;
  @ApiProperty({ type: 'integer', minimum: 1 }) attempts!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'HTTP status of the last answer; null for e-mail or when none came' }) status_code!: number | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'Why the last attempt failed; null when ok' }) error!: string | null;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'All attempts with the waits between them' }) duration_ms!: number;
}
