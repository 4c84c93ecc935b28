import { ALERT_RULE_LIMITS } from '@capacity/contracts';
import { ruleFixture } from '../../../testing/alert-fixtures';
import { emptyRule, ruleBody, ruleValues, validateRule, type RuleValues } from './rule-model';

const rule = (patch: Partial<RuleValues>): RuleValues => ({ ...emptyRule(), name: 'r', channelIds: [1], ...patch });

describe('rule model', () => {
  it('sends only the parameters of the type (growth: either threshold, the window, the match)', () => {
    const growth = rule({ type: 'growth', percent: '30', bytes: { amount: '20', unit: 'GB' }, days: '3', match: 'any', runs: '5', direction: 'down' });
    expect(validateRule(growth)).toEqual({});
    expect(ruleBody(growth).params).toEqual({ percent: 30, bytes: 20 * 1024 ** 3, days: 3, match: 'any' });
    expect(validateRule({ ...growth, percent: '', bytes: { amount: '', unit: 'GB' } })).toEqual({ 'params.percent': 'rules.growthNeedsOne' });
  });

  it('checks the bounds the API checks', () => {
    expect(validateRule(rule({ type: 'days_to_full_below', days: String(ALERT_RULE_LIMITS.daysToFull.maximum + 1) }))).toEqual({ 'params.days': 'rules.invalidDays' });
    expect(validateRule(rule({ type: 'growth', percent: '1', days: String(ALERT_RULE_LIMITS.windowDays.maximum + 1) }))).toEqual({ 'params.days': 'rules.invalidDays' });
    expect(validateRule(rule({ type: 'sudden_change', percent: '0.001' }))).toEqual({ 'params.percent': 'rules.invalidPercent' });
    expect(validateRule(rule({ type: 'collection_failing', runs: '0' }))).toEqual({ 'params.runs': 'rules.invalidRuns' });
    expect(validateRule(rule({ bytes: { amount: '1', unit: 'MB' }, repeat: '0' }))).toEqual({ repeat_interval_minutes: 'rules.invalidRepeat' });
    expect(validateRule(rule({ bytes: { amount: '1', unit: 'MB' }, scopeType: 'database', instanceId: 5 }))).toEqual({ 'scope.database_name': 'rules.scopeRequired' });
  });

  it('takes the look-back of database_disappeared as optional and fixes its level', () => {
    const disappeared = rule({ type: 'database_disappeared', level: 'instance' });
    expect(validateRule(disappeared)).toEqual({});
    expect(ruleBody(disappeared)).toMatchObject({ level: 'database', params: {} });
  });

  it('reads a stored rule back to the same body (a percentage of the limit, one database)', () => {
    const stored = ruleFixture({
      params: { bytes: null, percent: 90, days: null, match: null, direction: null, runs: null },
      scope: { type: 'database', tag: null, db_type: null, instance_id: 5, database_name: 'orders' },
      repeat_interval_minutes: null,
    });
    expect(ruleBody(ruleValues(stored))).toEqual({
      name: stored.name, enabled: true, type: 'size_above', level: 'database', params: { percent: 90 },
      scope: { type: 'database', instance_id: 5, database_name: 'orders' }, severity: 'warning', repeat_interval_minutes: null, channel_ids: [1],
    });
  });
});
