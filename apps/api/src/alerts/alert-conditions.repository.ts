import type { AlertChangeDirection } from '@capacity/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CapacityFigure } from '../capacity/capacity-figure';
import { toNumberOrNull } from '../common/units';
import { summaries } from './alert-summaries';

/** One condition found true: the key of its event (rule, instance, database) and what to show. */
export interface ConditionMatch {
  ruleId: number;
  instanceId: number;
  /** null: the instance total (or the instance itself, for collection_failing). */
  databaseName: string | null;
  sizeBytes: number | null;
  limitBytes: number | null;
  daysToFull: number | null;
  summary: string;
}

type Bigint = string | number;

/**
 * Whether rule `ru` covers candidate `x` (joined with its instance `i`): an active instance within the rule's scope,
 * a database row for a database-level rule and an instance row (database_name null) for an instance-level one.
 */
const IN_SCOPE = `i.is_active
  AND (ru.scope_type = 'all'
       OR (ru.scope_type = 'tag' AND ru.scope_tag = ANY (i.tags))
       OR (ru.scope_type = 'db_type' AND ru.scope_db_type = i.db_type)
       OR (ru.scope_type IN ('instance', 'database') AND ru.scope_instance_id = i.id))
  AND (ru.scope_type <> 'database' OR ru.scope_database_name = x.database_name)
  AND ((ru.level = 'database') = (x.database_name IS NOT NULL))`;

/**
 * The readings of every instance's last `$2` days up to its latest collection (instance_latest_stats, kept by
 * trigger), per database and for the instance total (database_name null); `db_key` joins both kinds by equality.
 * The lower bound of the dates (an initplan) lets PostgreSQL skip the older partitions.
 */
const READINGS = `
  latest AS (SELECT instance_id, collected_date AS latest FROM instance_latest_stats),
  readings AS (
    SELECT d.instance_id, d.database_name::text AS database_name, d.database_name::text AS db_key, d.size_bytes, d.collected_date, l.latest
    FROM database_size_stats d JOIN latest l ON l.instance_id = d.instance_id
    WHERE d.collected_date >= (SELECT min(latest) FROM latest) - $2::int AND d.collected_date BETWEEN l.latest - $2::int AND l.latest
    UNION ALL
    SELECT s.instance_id, NULL, '', s.total_size_bytes, s.collected_date, l.latest
    FROM instance_size_stats s JOIN latest l ON l.instance_id = s.instance_id
    WHERE s.collected_date >= (SELECT min(latest) FROM latest) - $2::int AND s.collected_date BETWEEN l.latest - $2::int AND l.latest
      AND s.total_size_bytes IS NOT NULL
  )`;

const RULES = `ru AS (SELECT id, level, params, scope_type, scope_tag, scope_db_type, scope_instance_id, scope_database_name, rule_type FROM alert_rules WHERE id = ANY ($1::int[]))`;

/** Each rule with the latest reading of every target it covers (the rule's params beside it). */
const CURRENT = `current AS (
    SELECT ru.id AS rule_id, ru.params, x.instance_id, x.database_name, x.db_key, x.size_bytes, x.collected_date, x.latest
    FROM readings x JOIN instances i ON i.id = x.instance_id JOIN ru ON ${IN_SCOPE}
    WHERE x.collected_date = x.latest
  )`;

/** What every statement answers per condition found: its key and the size to show. */
interface MatchRow {
  rule_id: number;
  instance_id: number;
  database_name: string | null;
  size_bytes: Bigint | null;
}

/**
 * The conditions of each rule type, found for every rule of the type over the whole fleet in one statement (never a
 * query per database). The only SQL of the evaluation's reads; the rules are the caller's, already of the type.
 */
@Injectable()
export class AlertConditionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** size_above with `params.bytes`: the latest reading at or above it. */
  sizeAbove(ruleIds: number[]): Promise<ConditionMatch[]> {
    return this.find<MatchRow & { threshold: Bigint; date: string }>(
      ruleIds,
      `WITH ${RULES}, ${READINGS}, ${CURRENT}
       SELECT rule_id, instance_id, database_name, size_bytes, (params->>'bytes')::bigint AS threshold, collected_date::text AS date
       FROM current WHERE size_bytes >= (params->>'bytes')::bigint`,
      [0],
      (row) => summaries.sizeAbove(Number(row.size_bytes), Number(row.threshold), row.date),
    );
  }

  /**
   * growth: the latest reading against the oldest one at most `params.days` days before it (the baseline); fires when
   * the growth reaches `params.percent` % of the baseline and/or `params.bytes` (`params.match`: all or any).
   */
  growth(ruleIds: number[], maxDays: number): Promise<ConditionMatch[]> {
    return this.find<MatchRow & { date: string; base_bytes: Bigint; base_date: string }>(
      ruleIds,
      `WITH ${RULES}, ${READINGS}, ${CURRENT},
       based AS (
         SELECT DISTINCT ON (c.rule_id, c.instance_id, c.db_key) c.*, (c.params->>'percent')::numeric AS pct, (c.params->>'bytes')::bigint AS bytes,
                coalesce(c.params->>'match', 'all') AS match, b.size_bytes AS base_bytes, b.collected_date AS base_date
         FROM current c JOIN readings b ON b.instance_id = c.instance_id AND b.db_key = c.db_key
           AND b.collected_date >= c.latest - (c.params->>'days')::int AND b.collected_date < c.latest
         ORDER BY c.rule_id, c.instance_id, c.db_key, b.collected_date
       ),
       measured AS (
         SELECT *, (b.pct IS NOT NULL AND b.base_bytes > 0 AND (b.size_bytes - b.base_bytes)::numeric * 100 >= b.pct * b.base_bytes) AS pct_met,
                (b.bytes IS NOT NULL AND b.size_bytes - b.base_bytes >= b.bytes) AS bytes_met
         FROM based b
       )
       SELECT rule_id, instance_id, database_name, size_bytes, collected_date::text AS date, base_bytes, base_date::text AS base_date
       FROM measured m
       WHERE m.size_bytes > m.base_bytes
         AND CASE WHEN m.match = 'any' THEN m.pct_met OR m.bytes_met
                  ELSE (m.pct IS NULL OR m.pct_met) AND (m.bytes IS NULL OR m.bytes_met) END`,
      [maxDays],
      (row) => summaries.growth(Number(row.base_bytes), row.base_date, Number(row.size_bytes), row.date),
    );
  }

  /** sudden_change: the latest reading against the day before's, by `params.percent` % or more (`params.direction`). */
  suddenChange(ruleIds: number[]): Promise<ConditionMatch[]> {
    return this.find<MatchRow & { previous_bytes: Bigint; date: string; direction: AlertChangeDirection }>(
      ruleIds,
      `WITH ${RULES}, ${READINGS}, ${CURRENT},
       paired AS (
         SELECT c.*, (c.params->>'percent')::numeric AS pct, coalesce(c.params->>'direction', 'both') AS direction, p.size_bytes AS previous_bytes
         FROM current c JOIN readings p ON p.instance_id = c.instance_id AND p.db_key = c.db_key AND p.collected_date = c.latest - 1
         WHERE p.size_bytes > 0
       )
       SELECT rule_id, instance_id, database_name, size_bytes, previous_bytes, collected_date::text AS date, direction
       FROM paired
       WHERE (direction IN ('both', 'up') AND (size_bytes - previous_bytes)::numeric * 100 >= pct * previous_bytes)
          OR (direction IN ('both', 'down') AND (previous_bytes - size_bytes)::numeric * 100 >= pct * previous_bytes)`,
      [1],
      (row) => summaries.suddenChange(Number(row.previous_bytes), Number(row.size_bytes), row.date, row.direction),
    );
  }

  /** database_disappeared: read within `params.days` days before its instance's latest collection, missing from it. */
  disappeared(ruleIds: number[], maxDays: number): Promise<ConditionMatch[]> {
    return this.find<MatchRow & { last_seen: string; latest: string }>(
      ruleIds,
      `WITH ${RULES}, ${READINGS},
       gone AS (
         SELECT DISTINCT ON (r.instance_id, r.db_key) r.instance_id, r.database_name, r.size_bytes, r.collected_date AS last_seen, r.latest
         FROM readings r
         WHERE r.database_name IS NOT NULL AND r.collected_date < r.latest
           AND NOT EXISTS (SELECT 1 FROM readings p WHERE p.instance_id = r.instance_id AND p.db_key = r.db_key AND p.collected_date = p.latest)
         ORDER BY r.instance_id, r.db_key, r.collected_date DESC
       )
       SELECT ru.id AS rule_id, x.instance_id, x.database_name, x.size_bytes, x.last_seen::text AS last_seen, x.latest::text AS latest
       FROM gone x JOIN instances i ON i.id = x.instance_id JOIN ru ON ${IN_SCOPE}
       WHERE x.last_seen >= x.latest - (ru.params->>'days')::int`,
      [maxDays],
      (row) => summaries.disappeared(row.last_seen, row.latest, Number(row.size_bytes)),
    );
  }

  /** collection_failing: the instance's last `params.runs` collection records (finished ones) all failed. */
  collectionFailing(ruleIds: number[]): Promise<ConditionMatch[]> {
    return this.find<MatchRow & { runs: number; last_error: string | null }>(
      ruleIds,
      `WITH ${RULES},
       ranked AS (
         SELECT r.instance_id, NULL::text AS database_name, r.status, r.error_message,
                row_number() OVER (PARTITION BY r.instance_id ORDER BY s.started_at DESC, r.id DESC) AS n
         FROM sync_instance_records r JOIN sync_sessions s ON s.session_id = r.session_id
         WHERE s.sync_category = 'capacity' AND r.instance_id IS NOT NULL AND r.status IN ('completed', 'failed')
       ),
       recent AS (SELECT * FROM ranked WHERE n <= (SELECT max((params->>'runs')::int) FROM ru))
       SELECT ru.id AS rule_id, x.instance_id, NULL::text AS database_name, count(*)::int AS runs,
              max(x.error_message) FILTER (WHERE x.n = 1) AS last_error,
              (SELECT k.total_size_bytes FROM instance_latest_stats k WHERE k.instance_id = x.instance_id) AS size_bytes
       FROM recent x JOIN instances i ON i.id = x.instance_id JOIN ru ON ${IN_SCOPE}
       WHERE x.n <= (ru.params->>'runs')::int
       GROUP BY ru.id, ru.params, x.instance_id
       HAVING count(*) = (ru.params->>'runs')::int AND bool_and(x.status = 'failed')`,
      [],
      (row) => summaries.collectionFailing(row.runs, row.last_error),
    );
  }

  /**
   * The forecast's rules over the fleet's figures (CapacityForecastService.forecastAll): size_above with
   * `params.percent` (of the limit) and days_to_full_below (`status` ok or full: a full target is 0 days from it).
   */
  async forecastRules(ruleIds: number[], figures: readonly CapacityFigure[]): Promise<ConditionMatch[]> {
    if (figures.length === 0) return [];
    const matches = await this.find<
      MatchRow & { rule_type: 'size_above' | 'days_to_full_below'; threshold: string; limit_bytes: Bigint; used_percent: string; days_to_full: string | null; full_date: string | null }
    >(
      ruleIds,
      `WITH ${RULES},
       figures AS (
         SELECT * FROM unnest($2::int[], $3::text[], $4::bigint[], $5::bigint[], $6::numeric[], $7::numeric[], $8::text[], $9::text[])
           AS f(instance_id, database_name, size_bytes, limit_bytes, used_percent, days_to_full, status, full_date)
       )
       SELECT ru.id AS rule_id, ru.rule_type, coalesce(ru.params->>'percent', ru.params->>'days') AS threshold, x.instance_id, x.database_name,
              x.size_bytes, x.limit_bytes, x.used_percent, x.days_to_full, x.full_date
       FROM figures x JOIN instances i ON i.id = x.instance_id JOIN ru ON ${IN_SCOPE}
       WHERE CASE ru.rule_type
               WHEN 'size_above' THEN x.used_percent >= (ru.params->>'percent')::numeric
               WHEN 'days_to_full_below' THEN x.status IN ('ok', 'full') AND x.days_to_full < (ru.params->>'days')::numeric
             END`,
      [
        figures.map((f) => f.instanceId),
        figures.map((f) => f.databaseName),
        figures.map((f) => f.sizeBytes),
        figures.map((f) => f.limitBytes),
        figures.map((f) => f.usedPercent),
        figures.map((f) => f.daysToFull),
        figures.map((f) => f.status),
        figures.map((f) => f.fullDate),
      ],
      (row) =>
        row.rule_type === 'size_above'
          ? summaries.sizeOfLimit(Number(row.size_bytes), Number(row.limit_bytes), Number(row.used_percent), Number(row.threshold))
          : summaries.daysToFull(toNumberOrNull(row.days_to_full) ?? 0, Number(row.threshold), row.full_date),
      (row) => ({ limitBytes: toNumberOrNull(row.limit_bytes), daysToFull: toNumberOrNull(row.days_to_full) }),
    );
    return matches;
  }

  /** Runs one statement (`$1` the rule ids, then `values`) and makes each row a match with its summary. */
  private async find<T extends MatchRow>(
    ruleIds: number[],
    sql: string,
    values: unknown[],
    summary: (row: T) => string,
    figures: (row: T) => Pick<ConditionMatch, 'limitBytes' | 'daysToFull'> = () => ({ limitBytes: null, daysToFull: null }),
  ): Promise<ConditionMatch[]> {
    if (ruleIds.length === 0) return [];
    const rows: T[] = await this.dataSource.query(sql, [ruleIds, ...values]);
    return rows.map((row) => ({
      ruleId: row.rule_id,
      instanceId: row.instance_id,
      databaseName: row.database_name,
      sizeBytes: toNumberOrNull(row.size_bytes),
      ...figures(row),
      summary: summary(row),
    }));
  }
}
