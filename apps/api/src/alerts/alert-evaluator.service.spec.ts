import type { JobContext } from '../jobs/job-runner.service';
import { AlertClock } from './alert-clock';
import type { AlertConditionsRepository, ConditionMatch } from './alert-conditions.repository';
import type { AlertEventsRepository } from './alert-events.repository';
import { AlertEvaluator } from './alert-evaluator.service';
import type { AlertRuleRow } from './alert-rules.repository';

const rule = (id: number, type: AlertRuleRow['rule_type'], params: AlertRuleRow['params']): AlertRuleRow =>
  ({ id, name: `r${id}`, rule_type: type, params, channel_ids: [1] }) as AlertRuleRow;

const match = (ruleId: number): ConditionMatch => ({ ruleId, instanceId: 7, databaseName: 'a', sizeBytes: 5, limitBytes: null, daysToFull: null, summary: 's' });

function setup() {
  const conditions = {
    sizeAbove: vi.fn(async (ids: number[]) => ids.map(match)),
    growth: vi.fn(async () => {
      throw new Error('growth exploded');
    }),
    suddenChange: vi.fn(async () => []),
    disappeared: vi.fn(async () => []),
    collectionFailing: vi.fn(async () => []),
    forecastRules: vi.fn(async (ids: number[]) => ids.map(match)),
  };
  const events = {
    reconcile: vi.fn(async (ids: readonly number[], _matches: readonly ConditionMatch[]) => new Map(ids.map((id) => [id, { firing: 1, fired: 1, resolved: 0 }]))),
    dueNotices: vi.fn(async () => []),
    markNotified: vi.fn(async () => undefined),
  };
  const forecast = { forecastAll: vi.fn(async () => [{ instanceId: 7, databaseName: 'a', limitBytes: 100, daysToFull: 3, sizeBytes: 5 }]) };
  const dispatcher = { dispatch: vi.fn(async () => undefined) };
  const evaluator = new AlertEvaluator(
    conditions as unknown as AlertConditionsRepository,
    events as unknown as AlertEventsRepository,
    forecast as never,
    dispatcher as never,
    new AlertClock(),
  );
  return { conditions, events, forecast, evaluator };
}

function context(targets: AlertRuleRow[]) {
  const finished = new Map<number, { ok: boolean; error?: string | null }>();
  const ctx: JobContext<AlertRuleRow> = {
    sessionId: 's',
    targets,
    recordId: (target) => target.id,
    markRunning: async () => undefined,
    finishRecord: async (target, outcome) => void finished.set(target.id, outcome),
  };
  return { ctx, finished };
}

describe('AlertEvaluator', () => {
  it('runs one statement per rule type, however many rules it has, and reads the forecast once', async () => {
    const { conditions, forecast, evaluator } = setup();
    const rules = [rule(1, 'size_above', { bytes: 1 }), rule(2, 'size_above', { bytes: 2 }), rule(3, 'size_above', { percent: 90 }), rule(4, 'days_to_full_below', { days: 9 })];
    const { ctx } = context(rules);
    await evaluator.evaluate(ctx);
    expect(conditions.sizeAbove).toHaveBeenCalledTimes(1);
    expect(conditions.sizeAbove).toHaveBeenCalledWith([1, 2]);
    expect(conditions.forecastRules).toHaveBeenCalledTimes(2);
    expect(forecast.forecastAll).toHaveBeenCalledTimes(1);
  });

  it('fails the records of a rule type whose statement fails and leaves its events alone; the other types go on', async () => {
    const { events, evaluator } = setup();
    const { ctx, finished } = context([rule(1, 'size_above', { bytes: 1 }), rule(2, 'growth', { percent: 30, days: 3 })]);
    const { result } = await evaluator.evaluate(ctx);
    expect(finished.get(1)).toMatchObject({ ok: true });
    expect(finished.get(2)).toMatchObject({ ok: false, error: 'growth exploded' });
    expect(events.reconcile.mock.calls[0][0]).toEqual([1]);
    expect(result).toMatchObject({ rules: 2, firing: 1, failedTypes: ['growth'] });
  });

  it('gives every event the limit and days to full the forecast knows', async () => {
    const { events, evaluator } = setup();
    const { ctx } = context([rule(1, 'size_above', { bytes: 1 })]);
    await evaluator.evaluate(ctx);
    const matches = events.reconcile.mock.calls[0][1];
    expect(matches[0]).toMatchObject({ limitBytes: 100, daysToFull: 3, sizeBytes: 5 });
  });
});
