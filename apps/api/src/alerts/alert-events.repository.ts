import type { AlertRuleType, AlertSeverity, DbType } from '@capacity/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { toNumberOrNull } from '../common/units';
import type { ConditionMatch } from './alert-conditions.repository';

/** Per rule: its events firing after the pass, those that fired and resolved in it. */
export interface ReconcileCounts {
  firing: number;
  fired: number;
  resolved: number;
}

export type NoticeKind = 'firing' | 'repeat' | 'resolved';

/** An event with a notice due, with what the notice tells. */
export interface DueNotice {
  kind: NoticeKind;
  eventId: number;
  ruleId: number;
  ruleName: string;
  ruleType: AlertRuleType;
  severity: AlertSeverity;
  channelIds: number[];
  instance: { id: number; name: string; dbType: DbType; host: string };
  databaseName: string | null;
  sizeBytes: number | null;
  limitBytes: number | null;
  daysToFull: number | null;
  summary: string;
  firstFiredAt: Date;
  resolvedAt: Date | null;
}

/** Resolve notices are owed only for events resolved this recently (a rule left without channels does not pile them up). */
const RESOLVE_NOTICE_DAYS = 7;

/** The writes of an evaluation: events fired, kept and resolved, their history, and the notices sent. */
@Injectable()
export class AlertEventsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Whether an evaluation has anything to do: an enabled rule, or an event still firing. */
  async hasWork(): Promise<boolean> {
    const [{ work }]: { work: boolean }[] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM alert_rules WHERE enabled) OR EXISTS (SELECT 1 FROM alert_events WHERE state = 'firing') AS work`,
    );
    return work;
  }

  /**
   * One statement for the whole pass: the conditions of `ruleIds` found true now (`matches`) fire a new event or keep
   * theirs firing with fresh figures; the firing events of those rules whose condition is no longer found resolve.
   * A 'fired' or 'resolved' history entry for each transition.
   */
  async reconcile(ruleIds: readonly number[], matches: readonly ConditionMatch[], now: Date): Promise<Map<number, ReconcileCounts>> {
    const rows: { rule_id: number; firing: number; fired: number; resolved: number }[] = await this.dataSource.query(
      `WITH current AS (
         SELECT DISTINCT ON (c.rule_id, c.instance_id, coalesce(c.database_name, '')) c.*
         FROM unnest($2::int[], $3::int[], $4::text[], $5::bigint[], $6::bigint[], $7::numeric[], $8::text[])
           AS c(rule_id, instance_id, database_name, size_bytes, limit_bytes, days_to_full, summary)
         ORDER BY c.rule_id, c.instance_id, coalesce(c.database_name, '')
       ),
       resolved AS (
         UPDATE alert_events e SET state = 'resolved', resolved_at = $1
         WHERE e.state = 'firing' AND e.rule_id = ANY ($9::int[])
           AND NOT EXISTS (SELECT 1 FROM current c WHERE c.rule_id = e.rule_id AND c.instance_id = e.instance_id
                           AND coalesce(c.database_name, '') = coalesce(e.database_name, ''))
         RETURNING e.id, e.rule_id, e.size_bytes, e.limit_bytes, e.days_to_full, e.summary
       ),
       upserted AS (
         INSERT INTO alert_events AS e (rule_id, instance_id, database_name, state, severity, first_fired_at, last_seen_at,
                                        size_bytes, limit_bytes, days_to_full, summary)
         SELECT c.rule_id, c.instance_id, c.database_name, 'firing', r.severity, $1, $1, c.size_bytes, c.limit_bytes, c.days_to_full, c.summary
         FROM current c JOIN alert_rules r ON r.id = c.rule_id
         ON CONFLICT (rule_id, instance_id, (coalesce(database_name, ''))) WHERE state = 'firing'
         DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at, severity = EXCLUDED.severity, size_bytes = EXCLUDED.size_bytes,
                       limit_bytes = EXCLUDED.limit_bytes, days_to_full = EXCLUDED.days_to_full, summary = EXCLUDED.summary
         RETURNING e.id, e.rule_id, (e.xmax = 0) AS inserted, e.size_bytes, e.limit_bytes, e.days_to_full, e.summary
       ),
       history AS (
         INSERT INTO alert_event_history (event_id, transition, at, size_bytes, limit_bytes, days_to_full, summary)
         SELECT id, 'fired', $1, size_bytes, limit_bytes, days_to_full, summary FROM upserted WHERE inserted
         UNION ALL
         SELECT id, 'resolved', $1, size_bytes, limit_bytes, days_to_full, 'the condition is no longer true (was: ' || summary || ')' FROM resolved
       )
       SELECT rule_id, sum(firing)::int AS firing, sum(fired)::int AS fired, sum(resolved)::int AS resolved FROM (
         SELECT rule_id, 1 AS firing, CASE WHEN inserted THEN 1 ELSE 0 END AS fired, 0 AS resolved FROM upserted
         UNION ALL
         SELECT rule_id, 0, 0, 1 FROM resolved
       ) t GROUP BY rule_id`,
      [
        now,
        matches.map((m) => m.ruleId),
        matches.map((m) => m.instanceId),
        matches.map((m) => m.databaseName),
        matches.map((m) => m.sizeBytes),
        matches.map((m) => m.limitBytes),
        matches.map((m) => m.daysToFull),
        matches.map((m) => m.summary),
        ruleIds,
      ],
    );
    return new Map(rows.map((row) => [row.rule_id, { firing: row.firing, fired: row.fired, resolved: row.resolved }]));
  }

  /**
   * The notices owed for the events of `ruleIds` whose rule has a channel: a firing event never notified yet; a firing
   * one not acknowledged whose repeat interval has passed since its last notice; a resolved one whose firing was told
   * and whose resolution is not yet.
   */
  async dueNotices(ruleIds: readonly number[], now: Date): Promise<DueNotice[]> {
    if (ruleIds.length === 0) return [];
    const rows: {
      kind: NoticeKind;
      event_id: number;
      rule_id: number;
      rule_name: string;
      rule_type: AlertRuleType;
      severity: AlertSeverity;
      channel_ids: number[];
      instance_id: number;
      instance_name: string;
      db_type: DbType;
      host: string;
      database_name: string | null;
      size_bytes: string | null;
      limit_bytes: string | null;
      days_to_full: string | null;
      summary: string;
      first_fired_at: Date;
      resolved_at: Date | null;
    }[] = await this.dataSource.query(
      `SELECT n.kind, e.id AS event_id, r.id AS rule_id, r.name AS rule_name, r.rule_type, e.severity, n.channel_ids,
              i.id AS instance_id, i.name AS instance_name, i.db_type, i.host, e.database_name, e.size_bytes, e.limit_bytes,
              e.days_to_full, e.summary, e.first_fired_at, e.resolved_at
       FROM alert_events e
       JOIN alert_rules r ON r.id = e.rule_id
       JOIN instances i ON i.id = e.instance_id
       CROSS JOIN LATERAL (
         SELECT CASE
                  WHEN e.state = 'firing' AND e.last_notified_at IS NULL THEN 'firing'
                  WHEN e.state = 'firing' AND e.acknowledged_at IS NULL AND r.repeat_interval_minutes IS NOT NULL
                       AND e.last_notified_at + r.repeat_interval_minutes * interval '1 minute' <= $2 THEN 'repeat'
                  WHEN e.state = 'resolved' AND e.resolve_notified_at IS NULL AND e.last_notified_at IS NOT NULL
                       AND e.resolved_at >= $2::timestamptz - $3::int * interval '1 day' THEN 'resolved'
                END AS kind,
                ARRAY(SELECT c.channel_id FROM alert_rule_channels c WHERE c.rule_id = r.id ORDER BY c.channel_id) AS channel_ids
       ) n
       WHERE e.rule_id = ANY ($1::int[]) AND n.kind IS NOT NULL AND cardinality(n.channel_ids) > 0
         AND (e.state = 'firing' OR e.resolve_notified_at IS NULL)
       ORDER BY r.id, e.id`,
      [ruleIds, now, RESOLVE_NOTICE_DAYS],
    );
    return rows.map((row) => ({
      kind: row.kind,
      eventId: row.event_id,
      ruleId: row.rule_id,
      ruleName: row.rule_name,
      ruleType: row.rule_type,
      severity: row.severity,
      channelIds: row.channel_ids,
      instance: { id: row.instance_id, name: row.instance_name, dbType: row.db_type, host: row.host },
      databaseName: row.database_name,
      sizeBytes: toNumberOrNull(row.size_bytes),
      limitBytes: toNumberOrNull(row.limit_bytes),
      daysToFull: toNumberOrNull(row.days_to_full),
      summary: row.summary,
      firstFiredAt: row.first_fired_at,
      resolvedAt: row.resolved_at,
    }));
  }

  /**
   * Records the notices sent (`channelCount` channels each): the event's last notice and count, or its resolve notice;
   * the channel count on the 'fired' / 'resolved' entry of its history, a 'repeat' entry for a repeat.
   */
  async markNotified(notices: readonly { kind: NoticeKind; eventId: number; channelCount: number }[], now: Date): Promise<void> {
    if (notices.length === 0) return;
    await this.dataSource.query(
      `WITH sent AS (SELECT * FROM unnest($1::text[], $2::int[], $3::int[]) AS s(kind, event_id, channel_count)),
       told AS (
         UPDATE alert_events e
         SET last_notified_at = CASE WHEN s.kind = 'resolved' THEN e.last_notified_at ELSE $4 END,
             notification_count = e.notification_count + CASE WHEN s.kind = 'resolved' THEN 0 ELSE 1 END,
             resolve_notified_at = CASE WHEN s.kind = 'resolved' THEN $4 ELSE e.resolve_notified_at END
         FROM sent s WHERE e.id = s.event_id
         RETURNING e.id, s.kind, s.channel_count, e.size_bytes, e.limit_bytes, e.days_to_full, e.summary
       ),
       counted AS (
         UPDATE alert_event_history h SET channel_count = t.channel_count
         FROM told t
         WHERE h.event_id = t.id AND t.kind IN ('firing', 'resolved')
           AND h.id = (SELECT max(x.id) FROM alert_event_history x WHERE x.event_id = t.id
                       AND x.transition = CASE WHEN t.kind = 'firing' THEN 'fired' ELSE 'resolved' END)
       )
       INSERT INTO alert_event_history (event_id, transition, at, channel_count, size_bytes, limit_bytes, days_to_full, summary)
       SELECT id, 'repeat', $4, channel_count, size_bytes, limit_bytes, days_to_full, summary FROM told WHERE kind = 'repeat'`,
      [notices.map((n) => n.kind), notices.map((n) => n.eventId), notices.map((n) => n.channelCount), now],
    );
  }
}
