import type { AlertLevel, AlertRuleType, AlertSeverity, AlertScopeType, DbType } from '@capacity/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { RuleParams } from './alert-rule-check';

/** The columns of a write (a fixed whitelist). */
export interface AlertRuleColumns {
  name: string;
  enabled: boolean;
  rule_type: AlertRuleType;
  level: AlertLevel;
  params: RuleParams;
  scope_type: AlertScopeType;
  scope_tag: string | null;
  scope_db_type: DbType | null;
  scope_instance_id: number | null;
  scope_database_name: string | null;
  severity: AlertSeverity;
  repeat_interval_minutes: number | null;
}

/** An `alert_rules` row with its channel ids and its firing count. */
export interface AlertRuleRow extends AlertRuleColumns {
  id: number;
  is_default: boolean;
  channel_ids: number[];
  firing_count: number;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS: readonly (keyof AlertRuleColumns)[] = [
  'name',
  'enabled',
  'rule_type',
  'level',
  'params',
  'scope_type',
  'scope_tag',
  'scope_db_type',
  'scope_instance_id',
  'scope_database_name',
  'severity',
  'repeat_interval_minutes',
];

const SELECT_RULES = `
  SELECT r.id, r.name, r.enabled, r.rule_type, r.level, r.params, r.scope_type, r.scope_tag, r.scope_db_type, r.scope_instance_id,
         r.scope_database_name, r.severity, r.repeat_interval_minutes, r.is_default, r.created_at, r.updated_at,
         ARRAY(SELECT c.channel_id FROM alert_rule_channels c WHERE c.rule_id = r.id ORDER BY c.channel_id) AS channel_ids,
         (SELECT count(*)::int FROM alert_events e WHERE e.rule_id = r.id AND e.state = 'firing') AS firing_count
  FROM alert_rules r`;

/** alert_rules and alert_rule_channels: the only SQL of the rules. */
@Injectable()
export class AlertRulesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(): Promise<AlertRuleRow[]> {
    return this.dataSource.query(`${SELECT_RULES} ORDER BY r.id`);
  }

  /** The enabled rules, the targets of an evaluation. */
  listEnabled(): Promise<AlertRuleRow[]> {
    return this.dataSource.query(`${SELECT_RULES} WHERE r.enabled ORDER BY r.id`);
  }

  async find(id: number, manager: EntityManager = this.dataSource.manager): Promise<AlertRuleRow | null> {
    const rows: AlertRuleRow[] = await manager.query(`${SELECT_RULES} WHERE r.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async nameTaken(name: string, exceptId?: number): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM alert_rules WHERE name = $1 AND id IS DISTINCT FROM $2`, [name, exceptId ?? null]);
    return rows.length > 0;
  }

  /** The ids of `ids` that are no notification channel. */
  async unknownChannels(ids: readonly number[]): Promise<number[]> {
    if (ids.length === 0) return [];
    const rows: { id: number }[] = await this.dataSource.query(
      `SELECT x.id FROM unnest($1::int[]) AS x(id) WHERE NOT EXISTS (SELECT 1 FROM notification_channels c WHERE c.id = x.id) ORDER BY x.id`,
      [ids],
    );
    return rows.map((row) => row.id);
  }

  async instanceExists(id: number): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM instances WHERE id = $1`, [id]);
    return rows.length > 0;
  }

  async insert(columns: AlertRuleColumns, channelIds: readonly number[]): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const values = COLUMNS.map((column) => (column === 'params' ? JSON.stringify(columns.params) : columns[column]));
      const [{ id }]: { id: number }[] = await manager.query(
        `INSERT INTO alert_rules (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((_, index) => `$${index + 1}`).join(', ')}) RETURNING id`,
        values,
      );
      await this.setChannels(manager, id, channelIds);
      return id;
    });
  }

  /**
   * Writes the rule (and its channels when given). A rule disabled by the write has its firing events resolved with
   * it, without a notice: nobody is watching that condition any more.
   */
  async update(id: number, columns: AlertRuleColumns, channelIds: readonly number[] | undefined, now: Date): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const values = COLUMNS.map((column) => (column === 'params' ? JSON.stringify(columns.params) : columns[column]));
      await manager.query(
        `UPDATE alert_rules SET ${COLUMNS.map((column, index) => `${column} = $${index + 2}`).join(', ')}, updated_at = now() WHERE id = $1`,
        [id, ...values],
      );
      if (channelIds) await this.setChannels(manager, id, channelIds);
      if (!columns.enabled) await this.resolveFiring(manager, id, now);
    });
  }

  async remove(id: number): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`WITH removed AS (DELETE FROM alert_rules WHERE id = $1 RETURNING id) SELECT id FROM removed`, [id]);
    return rows.length > 0;
  }

  private async setChannels(manager: EntityManager, ruleId: number, channelIds: readonly number[]): Promise<void> {
    await manager.query(`DELETE FROM alert_rule_channels WHERE rule_id = $1 AND NOT (channel_id = ANY ($2::int[]))`, [ruleId, channelIds]);
    await manager.query(
      `INSERT INTO alert_rule_channels (rule_id, channel_id) SELECT $1, x FROM unnest($2::int[]) AS x ON CONFLICT DO NOTHING`,
      [ruleId, channelIds],
    );
  }

  private async resolveFiring(manager: EntityManager, ruleId: number, now: Date): Promise<void> {
    await manager.query(
      `WITH resolved AS (
         UPDATE alert_events SET state = 'resolved', resolved_at = $2, resolve_notified_at = $2
         WHERE rule_id = $1 AND state = 'firing'
         RETURNING id, size_bytes, limit_bytes, days_to_full
       )
       INSERT INTO alert_event_history (event_id, transition, at, size_bytes, limit_bytes, days_to_full, summary)
       SELECT id, 'resolved', $2, size_bytes, limit_bytes, days_to_full, 'the rule was disabled' FROM resolved`,
      [ruleId, now],
    );
  }
}
