import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsNotNull, IsOptionalNonNull } from '../common/optional-non-null';
import { PageQueryDto } from '../common/query.dto';
import { ResponseFormatQuery, type ResponseFormat } from '../common/response-format';
import {
  NOTIFICATION_CHANNEL_KINDS,
  NOTIFICATION_CHANNEL_MODES,
  NOTIFICATION_CHANNEL_NAME_MAX,
  NOTIFICATION_EMAIL_RECIPIENTS_MAX,
  NOTIFICATION_SECRET_MAX,
  NOTIFICATION_URL_MAX,
  SMTP_TLS_MODES,
  type NotificationChannelKind,
  type NotificationChannelMode,
  type SmtpTlsMode,
} from './notification.types';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const HOST_PATTERN = /^[0-9A-Za-z.:[\]_-]+$/;
const URL_MESSAGE = 'url must be an http or https URL';
const KIND_MESSAGE = `kind must be one of: ${NOTIFICATION_CHANNEL_KINDS.join(', ')}`;
const MODE_MESSAGE = `mode must be one of: ${NOTIFICATION_CHANNEL_MODES.join(', ')}`;
const TLS_MESSAGE = `tls_mode must be one of: ${SMTP_TLS_MODES.join(', ')}`;
const PORT_MESSAGE = 'port must be between 1 and 65535';
const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false, allow_underscores: true };

/** SMTP settings of an `email` channel. */
export class EmailSettingsDto {
  @ApiProperty({ type: 'string', minLength: 1, maxLength: 255, pattern: HOST_PATTERN.source, example: 'smtp.example.com' })
  @Transform(trim) @IsNotNull() @IsString() @IsNotEmpty({ message: 'host must not be empty' }) @MaxLength(255)
  @Matches(HOST_PATTERN, { message: 'host must be a host name or IP address' })
  host!: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 65535, example: 587 })
  @IsNotNull() @IsInt({ message: 'port must be an integer' }) @Min(1, { message: PORT_MESSAGE }) @Max(65535, { message: PORT_MESSAGE })
  port!: number;

  @ApiProperty({ enum: SMTP_TLS_MODES, enumName: 'SmtpTlsMode', description: 'none: plain SMTP; starttls: upgrade required; tls: TLS from the start (465)' })
  @IsNotNull() @IsIn(SMTP_TLS_MODES, { message: TLS_MESSAGE })
  tls_mode!: SmtpTlsMode;

  @ApiPropertyOptional({ type: 'string', maxLength: 255, nullable: true, description: 'SMTP user; null: no authentication' })
  @IsOptional() @IsString() @MaxLength(255)
  user?: string | null;

  @ApiPropertyOptional({ type: 'string', writeOnly: true, maxLength: NOTIFICATION_SECRET_MAX, nullable: true, description: 'Stored encrypted; never returned. On update: left out keeps it, null or "" removes it' })
  @IsOptional() @IsString() @MaxLength(NOTIFICATION_SECRET_MAX)
  password?: string | null;

  @ApiProperty({ type: 'string', format: 'email', maxLength: 255, example: 'capacity@example.com' })
  @Transform(trim) @IsNotNull() @IsString() @IsEmail({}, { message: 'from must be an e-mail address' }) @MaxLength(255)
  from!: string;

  @ApiProperty({ type: 'array', items: { type: 'string', format: 'email' }, minItems: 1, maxItems: NOTIFICATION_EMAIL_RECIPIENTS_MAX })
  @IsNotNull() @IsArray({ message: 'to must be an array of e-mail addresses' })
  @ArrayMinSize(1, { message: 'to must name at least one recipient' }) @ArrayMaxSize(NOTIFICATION_EMAIL_RECIPIENTS_MAX)
  @IsEmail({}, { each: true, message: 'to must hold e-mail addresses only' })
  to!: string[];
}

/** PATCH of the SMTP settings: the fields given replace the stored ones. */
export class UpdateEmailSettingsDto extends PartialType(EmailSettingsDto) {}

export class CreateNotificationChannelDto {
  @ApiProperty({ type: 'string', minLength: 1, maxLength: NOTIFICATION_CHANNEL_NAME_MAX, example: 'dba-oncall' })
  @Transform(trim) @IsNotNull() @IsString() @IsNotEmpty({ message: 'name must not be empty' }) @MaxLength(NOTIFICATION_CHANNEL_NAME_MAX)
  name!: string;

  @ApiProperty({ enum: NOTIFICATION_CHANNEL_KINDS, enumName: 'NotificationChannelKind' })
  @IsNotNull() @IsIn(NOTIFICATION_CHANNEL_KINDS, { message: KIND_MESSAGE })
  kind!: NotificationChannelKind;

  @ApiPropertyOptional({ enum: NOTIFICATION_CHANNEL_MODES, enumName: 'NotificationChannelMode', default: 'immediate' })
  @IsOptionalNonNull() @IsIn(NOTIFICATION_CHANNEL_MODES, { message: MODE_MESSAGE })
  mode?: NotificationChannelMode;

  @ApiPropertyOptional({ type: 'boolean', default: true })
  @IsOptionalNonNull() @IsBoolean({ message: 'enabled must be a boolean' })
  enabled?: boolean;

  @ApiPropertyOptional({ type: () => EmailSettingsDto, description: 'Required for kind email; not allowed otherwise' })
  @ValidateIf((dto: CreateNotificationChannelDto) => dto.kind === 'email' || dto.email !== undefined)
  @IsDefined({ message: 'email is required for an email channel' }) @ValidateNested() @Type(() => EmailSettingsDto)
  email?: EmailSettingsDto;

  @ApiPropertyOptional({
    type: 'string',
    writeOnly: true,
    format: 'uri',
    maxLength: NOTIFICATION_URL_MAX,
    description: 'The webhook or robot URL (http/https); required for every kind but email. Stored encrypted (it carries the token); only its origin is returned',
  })
  @ValidateIf((dto: CreateNotificationChannelDto) => dto.kind !== 'email' || dto.url !== undefined)
  @IsDefined({ message: 'url is required for this kind of channel' }) @IsString({ message: URL_MESSAGE }) @MaxLength(NOTIFICATION_URL_MAX)
  @IsUrl(URL_OPTIONS, { message: URL_MESSAGE })
  url?: string;

  @ApiPropertyOptional({
    type: 'string',
    writeOnly: true,
    maxLength: NOTIFICATION_SECRET_MAX,
    nullable: true,
    description: 'Signing secret: HMAC key of the webhook signature, DingTalk "加签" secret (SEC…), Feishu signature secret. Not for slack, wecom, email. Stored encrypted; never returned',
  })
  @IsOptional() @IsString() @MaxLength(NOTIFICATION_SECRET_MAX)
  secret?: string | null;
}

export class UpdateNotificationChannelDto {
  @ApiPropertyOptional({ type: 'string', minLength: 1, maxLength: NOTIFICATION_CHANNEL_NAME_MAX })
  @Transform(trim) @IsOptionalNonNull() @IsString() @IsNotEmpty({ message: 'name must not be empty' }) @MaxLength(NOTIFICATION_CHANNEL_NAME_MAX)
  name?: string;

  @ApiPropertyOptional({ enum: NOTIFICATION_CHANNEL_MODES, enumName: 'NotificationChannelMode' })
  @IsOptionalNonNull() @IsIn(NOTIFICATION_CHANNEL_MODES, { message: MODE_MESSAGE })
  mode?: NotificationChannelMode;

  @ApiPropertyOptional({ type: 'boolean' })
  @IsOptionalNonNull() @IsBoolean({ message: 'enabled must be a boolean' })
  enabled?: boolean;

  @ApiPropertyOptional({ type: () => UpdateEmailSettingsDto, description: 'Email channels only: the fields given replace the stored ones' })
  @IsOptionalNonNull() @ValidateNested() @Type(() => UpdateEmailSettingsDto)
  email?: UpdateEmailSettingsDto;

  @ApiPropertyOptional({ type: 'string', writeOnly: true, format: 'uri', maxLength: NOTIFICATION_URL_MAX, description: 'Replaces the URL (not for email)' })
  @IsOptionalNonNull() @IsString({ message: URL_MESSAGE }) @MaxLength(NOTIFICATION_URL_MAX) @IsUrl(URL_OPTIONS, { message: URL_MESSAGE })
  url?: string;

  @ApiPropertyOptional({ type: 'string', writeOnly: true, maxLength: NOTIFICATION_SECRET_MAX, nullable: true, description: 'Left out keeps it; null or "" removes it' })
  @IsOptional() @IsString() @MaxLength(NOTIFICATION_SECRET_MAX)
  secret?: string | null;
}

/** GET /notification-channels/:id/deliveries: a page, or every attempt of the channel as CSV. */
export class NotificationDeliveriesQueryDto extends PageQueryDto {
  @ResponseFormatQuery()
  format?: ResponseFormat;
}
