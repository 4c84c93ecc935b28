import type { AlertRuleType } from '@capacity/contracts';
import { Injectable, Logger } from '@nestjs/common';
import type { CapacityFigure } from '../capacity/capacity-figure';
import { CapacityForecastService } from '../capacity/capacity-forecast.service';
import { errorMessage } from '../common/error-message';
import type { JobContext, JobOutcome } from '../jobs/job-runner.service';
import type { AlertNotice } from '../notifications/alert-notice';
import { NotificationDispatcher } from '../notifications/notification-dispatcher';
import { AlertClock } from './alert-clock';
import { AlertConditionsRepository, type ConditionMatch } from './alert-conditions.repository';
import { AlertEventsRepository, type DueNotice, type ReconcileCounts } from './alert-events.repository';
import type { AlertRuleRow } from './alert-rules.repository';

/** What one evaluation found and told, for the session's summary. */
export interface EvaluationResult {
  rules: number;
  firing: number;
  fired: number;
  resolved: number;
  notices: number;
  failedTypes: AlertRuleType[];
}

const FORECAST_TYPES: ReadonlySet<AlertRuleType> = new Set(['days_to_full_below']);

const usesForecast = (rule: AlertRuleRow): boolean => FORECAST_TYPES.has(rule.rule_type) || (rule.rule_type === 'size_above' && rule.params.percent !== undefined);

const maxParam = (rules: readonly AlertRuleRow[], name: 'days'): number => Math.max(0, ...rules.map((rule) => rule.params[name] ?? 0));

export function toAlertNotice(notice: DueNotice): AlertNotice {
  return {
    eventId: notice.eventId,
    transition: notice.kind,
    ruleId: notice.ruleId,
    ruleName: notice.ruleName,
    ruleType: notice.ruleType,
    severity: notice.severity,
    instance: notice.instance,
    databaseName: notice.databaseName,
    sizeBytes: notice.sizeBytes,
    limitBytes: notice.limitBytes,
    daysToFull: notice.daysToFull,
    summary: notice.summary,
    startedAt: notice.firstFiredAt.toISOString(),
    resolvedAt: notice.resolvedAt ? notice.resolvedAt.toISOString() : null,
  };
}

/**
 * One evaluation pass over the fleet: per rule type one set-based statement for all its rules (the forecast's figures
 * read once), the events reconciled in one statement, the notices owed sent through the rules' channels. A rule type
 * whose statement fails fails the records of its rules and leaves their events as they were; the others go on.
 */
@Injectable()
export class AlertEvaluator {
  private readonly logger = new Logger(AlertEvaluator.name);

  constructor(
    private readonly conditions: AlertConditionsRepository,
    private readonly events: AlertEventsRepository,
    private readonly forecast: CapacityForecastService,
    private readonly dispatcher: NotificationDispatcher,
    private readonly clock: AlertClock,
  ) {}

  async evaluate(context: JobContext<AlertRuleRow>): Promise<JobOutcome<EvaluationResult>> {
    const rules = context.targets;
    const now = this.clock.now();
    for (const rule of rules) await context.markRunning(rule);

    let figures: Promise<CapacityFigure[]> | null = null;
    const fleetFigures = (): Promise<CapacityFigure[]> => (figures ??= this.forecast.forecastAll());

    const matches: ConditionMatch[] = [];
    const evaluated: AlertRuleRow[] = [];
    const failures = new Map<AlertRuleType, string>();
    for (const [type, ofType] of groupByType(rules)) {
      try {
        matches.push(...(await this.find(type, ofType, fleetFigures)));
        evaluated.push(...ofType);
      } catch (error) {
        failures.set(type, errorMessage(error));
        this.logger.error(`alert rules of type ${type}: ${errorMessage(error)}`);
      }
    }
    await this.withFigures(matches, fleetFigures);

    const ruleIds = evaluated.map((rule) => rule.id);
    const counts = await this.events.reconcile(ruleIds, matches, now);
    const sent = await this.notify(await this.events.dueNotices(ruleIds, now), now);

    const result: EvaluationResult = { rules: rules.length, firing: 0, fired: 0, resolved: 0, notices: 0, failedTypes: [...failures.keys()] };
    for (const rule of rules) {
      const failure = failures.get(rule.rule_type);
      if (failure) {
        await context.finishRecord(rule, { ok: false, error: failure, details: { type: rule.rule_type } });
        continue;
      }
      const count: ReconcileCounts = counts.get(rule.id) ?? { firing: 0, fired: 0, resolved: 0 };
      const notices = sent.get(rule.id) ?? 0;
      result.firing += count.firing;
      result.fired += count.fired;
      result.resolved += count.resolved;
      result.notices += notices;
      await context.finishRecord(rule, { ok: true, itemsSynced: count.firing, details: { type: rule.rule_type, ...count, notices } });
    }
    return { result, summary: { ...result } };
  }

  private find(type: AlertRuleType, rules: readonly AlertRuleRow[], figures: () => Promise<CapacityFigure[]>): Promise<ConditionMatch[]> | ConditionMatch[] {
    const ids = (list: readonly AlertRuleRow[]) => list.map((rule) => rule.id);
    switch (type) {
      case 'size_above': {
        const ofLimit = rules.filter(usesForecast);
        const absolute = rules.filter((rule) => !usesForecast(rule));
        return Promise.all([
          this.conditions.sizeAbove(ids(absolute)),
          ofLimit.length > 0 ? figures().then((all) => this.conditions.forecastRules(ids(ofLimit), all)) : [],
        ]).then(([a, b]) => [...a, ...b]);
      }
      case 'days_to_full_below':
        return figures().then((all) => this.conditions.forecastRules(ids(rules), all));
      case 'growth':
        return this.conditions.growth(ids(rules), maxParam(rules, 'days'));
      case 'sudden_change':
        return this.conditions.suddenChange(ids(rules));
      case 'collection_failing':
        return this.conditions.collectionFailing(ids(rules));
      case 'database_disappeared':
        return this.conditions.disappeared(ids(rules), maxParam(rules, 'days'));
    }
  }

  /** Every event shows the limit and the days to full where the forecast knows them (read once, if not yet). */
  private async withFigures(matches: ConditionMatch[], figures: () => Promise<CapacityFigure[]>): Promise<void> {
    if (matches.every((match) => match.limitBytes !== null)) return;
    let all: CapacityFigure[];
    try {
      all = await figures();
    } catch (error) {
      this.logger.warn(`events without limits: the forecast failed: ${errorMessage(error)}`);
      return;
    }
    const byKey = new Map(all.map((figure) => [`${figure.instanceId}\u0000${figure.databaseName ?? ''}`, figure]));
    for (const match of matches) {
      const figure = byKey.get(`${match.instanceId}\u0000${match.databaseName ?? ''}`);
      if (!figure) continue;
      match.limitBytes ??= figure.limitBytes;
      match.daysToFull ??= figure.daysToFull;
      match.sizeBytes ??= figure.sizeBytes;
    }
  }

  /** Sends the notices owed, per rule through its channels; returns how many went per rule. */
  private async notify(due: readonly DueNotice[], now: Date): Promise<Map<number, number>> {
    const perRule = new Map<number, DueNotice[]>();
    for (const notice of due) perRule.set(notice.ruleId, [...(perRule.get(notice.ruleId) ?? []), notice]);
    const sent = new Map<number, number>();
    for (const [ruleId, notices] of perRule) {
      const channelIds = notices[0].channelIds;
      await this.dispatcher.dispatch(channelIds, notices.map(toAlertNotice));
      await this.events.markNotified(
        notices.map((notice) => ({ kind: notice.kind, eventId: notice.eventId, channelCount: channelIds.length })),
        now,
      );
      sent.set(ruleId, notices.length);
    }
    return sent;
  }
}

function groupByType(rules: readonly AlertRuleRow[]): Map<AlertRuleType, AlertRuleRow[]> {
  const groups = new Map<AlertRuleType, AlertRuleRow[]>();
  for (const rule of rules) groups.set(rule.rule_type, [...(groups.get(rule.rule_type) ?? []), rule]);
  return groups;
}
