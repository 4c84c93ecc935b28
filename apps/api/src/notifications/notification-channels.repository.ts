import type { NotificationChannelKind, NotificationChannelMode, NotificationPurpose } from '@capacity/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { cursorQuery } from '../database/cursor-query';
import type { AlertNotice } from './alert-notice';

/** A channel row; `secret_encrypted` only where the caller asked for it. */
export interface ChannelRow {
  id: number;
  name: string;
  kind: NotificationChannelKind;
  mode: NotificationChannelMode;
  enabled: boolean;
  config: Record<string, unknown>;
  secret_encrypted?: string | null;
  created_at: Date;
  updated_at: Date;
}

/** Column values of a write; keys are the table's column names (a fixed whitelist). */
export interface ChannelColumns {
  name?: string;
  kind?: NotificationChannelKind;
  mode?: NotificationChannelMode;
  enabled?: boolean;
  config?: Record<string, unknown>;
  secret_encrypted?: string | null;
}

const WRITABLE_COLUMNS: readonly (keyof ChannelColumns)[] = ['name', 'kind', 'mode', 'enabled', 'config', 'secret_encrypted'];

export interface DeliveryAttempt {
  channelId: number;
  purpose: NotificationPurpose;
  eventIds: number[];
  attempt: number;
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export interface DeliveryRow {
  id: string;
  channel_id: number;
  purpose: NotificationPurpose;
  event_ids: number[];
  attempt: number;
  ok: boolean;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
  attempted_at: Date;
}

export interface QueuedNotice {
  id: string;
  notice: AlertNotice;
}

const DELIVERIES_OF_CHANNEL = `SELECT id, channel_id, purpose, event_ids, attempt, ok, status_code, error, duration_ms, attempted_at
  FROM notification_deliveries WHERE channel_id = $1 ORDER BY id DESC`;

const CHANNEL_COLUMNS = `id, name, kind, mode, enabled, config, created_at, updated_at`;

@Injectable()
export class NotificationChannelsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async page(offset: number, limit: number): Promise<{ rows: ChannelRow[]; total: number }> {
    const [rows, [count]]: [ChannelRow[], { total: number }[]] = await Promise.all([
      this.dataSource.query(`SELECT ${CHANNEL_COLUMNS} FROM notification_channels ORDER BY id LIMIT $1 OFFSET $2`, [limit, offset]),
      this.dataSource.query(`SELECT count(*)::int AS total FROM notification_channels`),
    ]);
    return { rows, total: count.total };
  }

  async find(id: number): Promise<ChannelRow | null> {
    const rows: ChannelRow[] = await this.dataSource.query(`SELECT ${CHANNEL_COLUMNS} FROM notification_channels WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** With the ciphertext: for sending only. */
  async findWithSecret(ids: readonly number[]): Promise<ChannelRow[]> {
    if (ids.length === 0) return [];
    return this.dataSource.query(`SELECT ${CHANNEL_COLUMNS}, secret_encrypted FROM notification_channels WHERE id = ANY($1::int[]) ORDER BY id`, [ids]);
  }

  async enabledCount(): Promise<number> {
    const [row]: { total: number }[] = await this.dataSource.query(`SELECT count(*)::int AS total FROM notification_channels WHERE enabled`);
    return row.total;
  }

  async nameTaken(name: string, exceptId?: number): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM notification_channels WHERE name = $1 AND id IS DISTINCT FROM $2`, [
      name,
      exceptId ?? null,
    ]);
    return rows.length > 0;
  }

  async insert(values: ChannelColumns): Promise<number> {
    const columns = WRITABLE_COLUMNS.filter((column) => values[column] !== undefined);
    const [row]: { id: number }[] = await this.dataSource.query(
      `INSERT INTO notification_channels (${columns.join(', ')}) VALUES (${columns.map((_, index) => `$${index + 1}`).join(', ')}) RETURNING id`,
      columns.map((column) => this.value(values, column)),
    );
    return row.id;
  }

  async update(id: number, values: ChannelColumns): Promise<void> {
    const columns = WRITABLE_COLUMNS.filter((column) => values[column] !== undefined);
    const sets = [...columns.map((column, index) => `${column} = $${index + 2}`), 'updated_at = now()'];
    await this.dataSource.query(`UPDATE notification_channels SET ${sets.join(', ')} WHERE id = $1`, [id, ...columns.map((column) => this.value(values, column))]);
  }

  /** Its deliveries and queued notices go with it (ON DELETE CASCADE). False when there is none such. */
  async delete(id: number): Promise<boolean> {
    const rows: { id: number }[][] | { id: number }[] = await this.dataSource.query(`DELETE FROM notification_channels WHERE id = $1 RETURNING id`, [id]);
    const deleted = Array.isArray(rows[0]) ? (rows[0] as { id: number }[]) : (rows as { id: number }[]);
    return deleted.length > 0;
  }

  async recordAttempt(attempt: DeliveryAttempt): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO notification_deliveries (channel_id, purpose, event_ids, attempt, ok, status_code, error, duration_ms)
       VALUES ($1, $2, $3::int[], $4, $5, $6, $7, $8)`,
      [attempt.channelId, attempt.purpose, attempt.eventIds, attempt.attempt, attempt.ok, attempt.statusCode, attempt.error, attempt.durationMs],
    );
  }

  /** The newest attempts first. */
  async deliveries(channelId: number, offset: number, limit: number): Promise<{ rows: DeliveryRow[]; total: number }> {
    const [rows, [count]]: [DeliveryRow[], { total: number }[]] = await Promise.all([
      this.dataSource.query(`${DELIVERIES_OF_CHANNEL} LIMIT $2 OFFSET $3`, [channelId, limit, offset]),
      this.dataSource.query(`SELECT count(*)::int AS total FROM notification_deliveries WHERE channel_id = $1`, [channelId]),
    ]);
    return { rows, total: count.total };
  }

  /** Every attempt of the channel, newest first, through a cursor (an export of any size). */
  exportDeliveries(channelId: number): AsyncGenerator<DeliveryRow> {
    return cursorQuery<DeliveryRow>(this.dataSource, DELIVERIES_OF_CHANNEL, [channelId]);
  }

  async enqueue(channelIds: readonly number[], notices: readonly AlertNotice[]): Promise<void> {
    if (channelIds.length === 0 || notices.length === 0) return;
    // One statement: every channel × every notice.
    await this.dataSource.query(
      `INSERT INTO notification_digest_queue (channel_id, event_id, notice)
       SELECT c.id, (n.value ->> 'eventId')::int, n.value FROM unnest($1::int[]) AS c(id) CROSS JOIN jsonb_array_elements($2::jsonb) AS n(value)`,
      [channelIds, JSON.stringify(notices)],
    );
  }

  /** Enabled channels with something queued (one switched from digest to immediate since still gets its digest). */
  async digestChannelIds(): Promise<number[]> {
    const rows: { id: number }[] = await this.dataSource.query(
      `SELECT c.id FROM notification_channels c WHERE c.enabled
         AND EXISTS (SELECT 1 FROM notification_digest_queue q WHERE q.channel_id = c.id) ORDER BY c.id`,
    );
    return rows.map((row) => row.id);
  }

  queued(channelId: number): Promise<QueuedNotice[]> {
    return this.dataSource.query(`SELECT id, notice FROM notification_digest_queue WHERE channel_id = $1 ORDER BY id`, [channelId]);
  }

  async dequeue(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.dataSource.query(`DELETE FROM notification_digest_queue WHERE id = ANY($1::bigint[])`, [ids]);
  }

  private value(values: ChannelColumns, column: keyof ChannelColumns): unknown {
    return column === 'config' ? JSON.stringify(values.config) : values[column];
  }
}
