import type { AlertHistoryEntryResponse, AlertResponse, AlertRuleType, AlertSeverity, AlertState, AlertSummaryResponse, AlertTransition, DbType } from '@capacity/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isoOrNull } from '../common/iso-timestamp';
import { cursorQuery } from '../database/cursor-query';
import { bytesToMb, toNumberOrNull } from '../common/units';

export interface AlertFilter {
  state?: AlertState;
  severity?: AlertSeverity;
  instanceId?: number;
  ruleId?: number;
  /** Only the events of this owner's instances (a viewer); undefined: every event. */
  ownerId?: number;
}

interface AlertRow {
  id: number;
  rule_id: number;
  rule_name: string;
  rule_type: AlertRuleType;
  instance_id: number;
  instance_name: string;
  db_type: DbType;
  database_name: string | null;
  state: AlertState;
  severity: AlertSeverity;
  first_fired_at: Date;
  last_seen_at: Date;
  last_notified_at: Date | null;
  notification_count: number;
  resolved_at: Date | null;
  acknowledged_by: number | null;
  acknowledged_username: string | null;
  acknowledged_at: Date | null;
  size_bytes: string | null;
  limit_bytes: string | null;
  days_to_full: string | null;
  summary: string;
}

interface HistoryRow {
  transition: AlertTransition;
  at: Date;
  channel_count: number;
  user_id: number | null;
  username: string | null;
  size_bytes: string | null;
  limit_bytes: string | null;
  days_to_full: string | null;
  summary: string;
}

const SELECT_ALERTS = `
  SELECT e.id, r.id AS rule_id, r.name AS rule_name, r.rule_type, i.id AS instance_id, i.name AS instance_name, i.db_type, e.database_name,
         e.state, e.severity, e.first_fired_at, e.last_seen_at, e.last_notified_at, e.notification_count, e.resolved_at,
         e.acknowledged_by, u.username AS acknowledged_username, e.acknowledged_at, e.size_bytes, e.limit_bytes, e.days_to_full, e.summary
  FROM alert_events e
  JOIN alert_rules r ON r.id = e.rule_id
  JOIN instances i ON i.id = e.instance_id
  LEFT JOIN users u ON u.id = e.acknowledged_by`;

const ORDER = `ORDER BY (e.state = 'firing') DESC, e.first_fired_at DESC, e.id DESC`;

/** Values and WHERE of a filter; the conditions are fixed text, the values parameters. */
function where(filter: AlertFilter): { sql: string; values: unknown[] } {
  const conditions: string[] = [];
  const values: unknown[] = [];
  const add = (condition: string, value: unknown) => {
    values.push(value);
    conditions.push(condition.replace('?', `$${values.length}`));
  };
  if (filter.state) add('e.state = ?', filter.state);
  if (filter.severity) add('e.severity = ?', filter.severity);
  if (filter.instanceId) add('e.instance_id = ?', filter.instanceId);
  if (filter.ruleId) add('e.rule_id = ?', filter.ruleId);
  if (filter.ownerId !== undefined) add('e.instance_id IN (SELECT id FROM instances WHERE owner_id = ?)', filter.ownerId);
  return { sql: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', values };
}

function toAlertResponse(row: AlertRow): AlertResponse {
  return {
    id: row.id,
    rule: { id: row.rule_id, name: row.rule_name, type: row.rule_type },
    instance: { id: row.instance_id, name: row.instance_name, db_type: row.db_type },
    database_name: row.database_name,
    state: row.state,
    severity: row.severity,
    first_fired_at: row.first_fired_at.toISOString(),
    last_seen_at: row.last_seen_at.toISOString(),
    last_notified_at: isoOrNull(row.last_notified_at),
    notification_count: row.notification_count,
    resolved_at: isoOrNull(row.resolved_at),
    acknowledged_by: row.acknowledged_by !== null && row.acknowledged_username !== null ? { id: row.acknowledged_by, username: row.acknowledged_username } : null,
    acknowledged_at: isoOrNull(row.acknowledged_at),
    size_bytes: toNumberOrNull(row.size_bytes),
    size_mb: bytesToMb(row.size_bytes),
    limit_bytes: toNumberOrNull(row.limit_bytes),
    days_to_full: toNumberOrNull(row.days_to_full),
    summary: row.summary,
  };
}

function toHistoryEntry(row: HistoryRow): AlertHistoryEntryResponse {
  return {
    transition: row.transition,
    at: row.at.toISOString(),
    channel_count: row.channel_count,
    user: row.user_id !== null && row.username !== null ? { id: row.user_id, username: row.username } : null,
    size_bytes: toNumberOrNull(row.size_bytes),
    limit_bytes: toNumberOrNull(row.limit_bytes),
    days_to_full: toNumberOrNull(row.days_to_full),
    summary: row.summary,
  };
}

/** The reads of the alert events and their acknowledgement. */
@Injectable()
export class AlertsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A page, firing first, then the newest first. */
  async list(filter: AlertFilter, limit: number, offset: number): Promise<{ rows: AlertResponse[]; total: number }> {
    const { sql, values } = where(filter);
    const [{ total }]: { total: number }[] = await this.dataSource.query(`SELECT count(*)::int AS total FROM alert_events e ${sql}`, values);
    const rows: AlertRow[] = await this.dataSource.query(`${SELECT_ALERTS} ${sql} ${ORDER} LIMIT $${values.length + 1} OFFSET $${values.length + 2}`, [
      ...values,
      limit,
      offset,
    ]);
    return { rows: rows.map(toAlertResponse), total };
  }

  /** Every event of the filter in the list's order, through a cursor (the CSV export). */
  async *export(filter: AlertFilter): AsyncGenerator<AlertResponse> {
    const { sql, values } = where(filter);
    for await (const row of cursorQuery<AlertRow>(this.dataSource, `${SELECT_ALERTS} ${sql} ${ORDER}`, values)) yield toAlertResponse(row);
  }

  async find(id: number): Promise<(AlertResponse & { ownerId: number | null }) | null> {
    const rows: (AlertRow & { owner_id: number | null })[] = await this.dataSource.query(
      `SELECT a.*, (SELECT owner_id FROM instances WHERE id = a.instance_id) AS owner_id FROM (${SELECT_ALERTS} WHERE e.id = $1) a`,
      [id],
    );
    return rows[0] ? { ...toAlertResponse(rows[0]), ownerId: rows[0].owner_id } : null;
  }

  async history(id: number): Promise<AlertHistoryEntryResponse[]> {
    const rows: HistoryRow[] = await this.dataSource.query(
      `SELECT h.transition, h.at, h.channel_count, h.user_id, u.username, h.size_bytes, h.limit_bytes, h.days_to_full, h.summary
       FROM alert_event_history h LEFT JOIN users u ON u.id = h.user_id
       WHERE h.event_id = $1 ORDER BY h.id`,
      [id],
    );
    return rows.map(toHistoryEntry);
  }

  /** Acknowledges a firing event not yet acknowledged; false when it is not (resolved, or acknowledged already). */
  async acknowledge(id: number, userId: number, now: Date): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH acked AS (
         UPDATE alert_events SET acknowledged_by = $2, acknowledged_at = $3
         WHERE id = $1 AND state = 'firing' AND acknowledged_at IS NULL
         RETURNING id, size_bytes, limit_bytes, days_to_full
       )
       INSERT INTO alert_event_history (event_id, transition, at, user_id, size_bytes, limit_bytes, days_to_full, summary)
       SELECT id, 'acknowledged', $3, $2, size_bytes, limit_bytes, days_to_full, 'acknowledged: no repeat notices until it resolves' FROM acked
       RETURNING event_id`,
      [id, userId, now],
    );
    return rows.length > 0;
  }

  async summary(ownerId: number | undefined): Promise<AlertSummaryResponse> {
    const { sql, values } = where({ state: 'firing', ownerId });
    const [row]: AlertSummaryResponse[] = await this.dataSource.query(
      `SELECT count(*)::int AS firing, count(*) FILTER (WHERE e.severity = 'critical')::int AS critical,
              count(*) FILTER (WHERE e.severity = 'warning')::int AS warning, count(*) FILTER (WHERE e.acknowledged_at IS NULL)::int AS unacknowledged
       FROM alert_events e ${sql}`,
      values,
    );
    return row;
  }
}
