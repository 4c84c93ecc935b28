import {
  type CreateNotificationChannelDto,
  type NotificationChannelResponse,
  type NotificationDeliveryResponse,
  type NotificationTestResponse,
  type PageQueryDto,
  type Paginated,
  type UpdateNotificationChannelDto,
} from '@capacity/contracts';
import { Injectable } from '@nestjs/common';
import { CredentialCipher } from '../common/credential-cipher';
import { errorMessage } from '../common/error-message';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/domain-errors';
import { buildPagination } from '../common/pagination';
import { required } from '../common/required';
import { joinSettings, splitSettings, type ChannelSettings, type ResolvedChannel } from './channel-settings';
import { NotificationChannelsRepository, type ChannelRow, type DeliveryRow } from './notification-channels.repository';
import { NotificationDelivery } from './notification-delivery.service';

/** The admin side of the channels (CRUD, test, deliveries) and their decrypted settings for the senders. */
@Injectable()
export class NotificationChannelsService {
  constructor(
    private readonly repository: NotificationChannelsRepository,
    private readonly cipher: CredentialCipher,
    private readonly delivery: NotificationDelivery,
  ) {}

  /** Enabled channels (the default growth rule stays disabled while there is none). */
  enabledCount(): Promise<number> {
    return this.repository.enabledCount();
  }

  /** The channels with their secrets decrypted, for sending; unknown ids are left out. */
  async resolve(ids: readonly number[]): Promise<ResolvedChannel[]> {
    return (await this.repository.findWithSecret(ids)).map((row) => this.resolveRow(row));
  }

  /** As resolve, but a channel whose secret cannot be decrypted (APP_SECRET_KEY changed) is set apart, not fatal. */
  async resolveEach(ids: readonly number[]): Promise<{ channels: ResolvedChannel[]; unreadable: { id: number; error: string }[] }> {
    const channels: ResolvedChannel[] = [];
    const unreadable: { id: number; error: string }[] = [];
    for (const row of await this.repository.findWithSecret(ids)) {
      try {
        channels.push(this.resolveRow(row));
      } catch (error) {
        if (row.enabled) unreadable.push({ id: row.id, error: errorMessage(error) });
      }
    }
    return { channels, unreadable };
  }

  async list(query: PageQueryDto): Promise<Paginated<NotificationChannelResponse>> {
    const { rows, total } = await this.repository.page((query.page - 1) * query.per_page, query.per_page);
    return { data: rows.map(toResponse), pagination: buildPagination(query.page, query.per_page, total) };
  }

  async get(id: number): Promise<NotificationChannelResponse> {
    return toResponse(await this.row(id));
  }

  async create(dto: CreateNotificationChannelDto): Promise<NotificationChannelResponse> {
    await this.checkName(dto.name);
    const settings = settingsOfCreate(dto);
    const stored = splitSettings(settings);
    const id = await this.repository.insert({
      name: dto.name,
      kind: dto.kind,
      mode: dto.mode ?? 'immediate',
      enabled: dto.enabled ?? true,
      config: stored.config,
      secret_encrypted: stored.secret ? this.cipher.encrypt(JSON.stringify(stored.secret)) : null,
    });
    return this.get(id);
  }

  async update(id: number, dto: UpdateNotificationChannelDto): Promise<NotificationChannelResponse> {
    const [current] = await this.resolve([id]);
    if (!current) throw notFound(id);
    if (dto.name !== undefined) await this.checkName(dto.name, id);
    const settings = dto.email !== undefined || dto.url !== undefined || dto.secret !== undefined ? mergeSettings(current.settings, dto) : null;
    const stored = settings && splitSettings(settings);
    await this.repository.update(id, {
      name: dto.name,
      mode: dto.mode,
      enabled: dto.enabled,
      config: stored?.config,
      secret_encrypted: stored ? (stored.secret ? this.cipher.encrypt(JSON.stringify(stored.secret)) : null) : undefined,
    });
    return this.get(id);
  }

  async remove(id: number): Promise<void> {
    if (!(await this.repository.delete(id))) throw notFound(id);
  }

  /** Sends a test message now (disabled channels too), with the retries of a real send; every attempt is recorded. */
  async test(id: number): Promise<NotificationTestResponse> {
    const [channel] = await this.resolve([id]);
    if (!channel) throw notFound(id);
    const result = await this.delivery.deliver(channel, { purpose: 'test', channelName: channel.name, notices: [] });
    return { ok: result.ok, attempts: result.attempts, status_code: result.statusCode, error: result.error, duration_ms: result.durationMs };
  }

  async deliveries(id: number, query: PageQueryDto): Promise<Paginated<NotificationDeliveryResponse>> {
    await this.row(id);
    const { rows, total } = await this.repository.deliveries(id, (query.page - 1) * query.per_page, query.per_page);
    return { data: rows.map(toDeliveryResponse), pagination: buildPagination(query.page, query.per_page, total) };
  }

  /** Every attempt of the channel for the CSV export (404 first when there is no such channel). */
  async exportDeliveries(id: number): Promise<AsyncGenerator<NotificationDeliveryResponse>> {
    await this.row(id);
    const rows = this.repository.exportDeliveries(id);
    return (async function* () {
      for await (const row of rows) yield toDeliveryResponse(row);
    })();
  }

  private async row(id: number): Promise<ChannelRow> {
    const row = await this.repository.find(id);
    if (!row) throw notFound(id);
    return row;
  }

  private async checkName(name: string, exceptId?: number): Promise<void> {
    if (await this.repository.nameTaken(name, exceptId)) throw new ConflictError(`a notification channel named "${name}" already exists`, 'name');
  }

  private resolveRow(row: ChannelRow): ResolvedChannel {
    const secret = row.secret_encrypted ? (JSON.parse(this.cipher.decrypt(row.secret_encrypted)) as Record<string, string>) : null;
    return { id: row.id, name: row.name, kind: row.kind, mode: row.mode, enabled: row.enabled, settings: joinSettings(row.kind, row.config, secret) };
  }
}

const notFound = (id: number) => new NotFoundError(`notification channel ${id} not found`);
const blankToNull = (value: string | null | undefined): string | null => (value ? value : null);

/** The fields the DTO cannot tie to the kind on its own. */
function settingsOfCreate(dto: CreateNotificationChannelDto): ChannelSettings {
  if (dto.kind === 'email') {
    if (dto.url !== undefined) throw new InvalidInputError('url: an email channel has no url (its SMTP settings are in email)', 'url');
    if (dto.secret) throw new InvalidInputError('secret: an email channel takes its password in email.password', 'secret');
    const email = required(dto.email, 'email');
    return {
      kind: 'email',
      host: email.host,
      port: email.port,
      tlsMode: email.tls_mode,
      user: blankToNull(email.user),
      password: blankToNull(email.password),
      from: email.from,
      to: email.to,
    };
  }
  if (dto.email !== undefined) throw new InvalidInputError(`email: only for an email channel, not ${dto.kind}`, 'email');
  const url = required(dto.url, 'url');
  if (dto.kind === 'slack' || dto.kind === 'wecom') {
    if (dto.secret) throw new InvalidInputError(`secret: a ${dto.kind} channel takes no signing secret (its URL is the secret)`, 'secret');
    return { kind: dto.kind, url };
  }
  return { kind: dto.kind, url, secret: blankToNull(dto.secret) };
}

function mergeSettings(current: ChannelSettings, dto: UpdateNotificationChannelDto): ChannelSettings {
  if (current.kind === 'email') {
    if (dto.url !== undefined) throw new InvalidInputError('url: an email channel has no url (its SMTP settings are in email)', 'url');
    if (dto.secret) throw new InvalidInputError('secret: an email channel takes its password in email.password', 'secret');
    const email = dto.email ?? {};
    return {
      kind: 'email',
      host: email.host ?? current.host,
      port: email.port ?? current.port,
      tlsMode: email.tls_mode ?? current.tlsMode,
      user: email.user === undefined ? current.user : blankToNull(email.user),
      password: email.password === undefined ? current.password : blankToNull(email.password),
      from: email.from ?? current.from,
      to: email.to ?? current.to,
    };
  }
  if (dto.email !== undefined) throw new InvalidInputError(`email: only for an email channel, not ${current.kind}`, 'email');
  const url = dto.url ?? current.url;
  if (!('secret' in current)) {
    if (dto.secret) throw new InvalidInputError(`secret: a ${current.kind} channel takes no signing secret (its URL is the secret)`, 'secret');
    return { kind: current.kind, url };
  }
  return { kind: current.kind, url, secret: dto.secret === undefined ? current.secret : blankToNull(dto.secret) };
}

function toResponse(row: ChannelRow): NotificationChannelResponse {
  // The config column alone: what may be shown.
  const shown = joinSettings(row.kind, row.config, null);
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    mode: row.mode,
    enabled: row.enabled,
    email: shown.kind === 'email' ? { host: shown.host, port: shown.port, tls_mode: shown.tlsMode, user: shown.user, from: shown.from, to: shown.to } : null,
    url_origin: row.kind === 'email' ? null : String(row.config.origin),
    has_secret: row.config.has_secret === true,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

function toDeliveryResponse(row: DeliveryRow): NotificationDeliveryResponse {
  return {
    id: Number(row.id),
    channel_id: row.channel_id,
    purpose: row.purpose,
    event_ids: row.event_ids.map(Number),
    attempt: row.attempt,
    ok: row.ok,
    status_code: row.status_code,
    error: row.error,
    duration_ms: row.duration_ms,
    attempted_at: row.attempted_at.toISOString(),
  };
}
