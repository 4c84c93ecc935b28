import { checkRule, type RuleDraft } from './alert-rule-check';

const draft = (overrides: Partial<RuleDraft>): RuleDraft => ({ type: 'growth', params: {}, scope: { type: 'all' }, enabled: false, channelIds: [], ...overrides });
const fields = (result: ReturnType<typeof checkRule>) => result.problems.map((problem) => problem.field);

describe('checkRule', () => {
  it('keeps the original growth rule as stored: 30 %, 20 GiB, 3 days, both thresholds', () => {
    const result = checkRule(draft({ params: { percent: 30, bytes: 20 * 1024 ** 3, days: 3 } }));
    expect(result.rule).toEqual({
      level: 'database',
      params: { percent: 30, bytes: 21_474_836_480, days: 3, match: 'all' },
      scope: { type: 'all', tag: null, db_type: null, instance_id: null, database_name: null },
    });
  });

  it('names params.percent for a growth rule with neither threshold, params.days without the window', () => {
    expect(fields(checkRule(draft({ params: { days: 3 } })))).toEqual(['params.percent']);
    expect(fields(checkRule(draft({ params: { bytes: 1 } })))).toEqual(['params.days']);
  });

  it('refuses a parameter of another type and a missing required one', () => {
    expect(fields(checkRule(draft({ type: 'collection_failing', params: { runs: 2, percent: 5 } })))).toEqual(['params.percent']);
    expect(fields(checkRule(draft({ type: 'collection_failing', params: {} })))).toEqual(['params.runs']);
  });

  it('wants exactly one of bytes and percent for size_above', () => {
    expect(checkRule(draft({ type: 'size_above', params: { percent: 90 } })).problems).toEqual([]);
    expect(fields(checkRule(draft({ type: 'size_above', params: { percent: 90, bytes: 1 } })))).toEqual(['params.bytes']);
    expect(fields(checkRule(draft({ type: 'size_above', params: {} })))).toEqual(['params.bytes']);
  });

  it('bounds the window of growth and database_disappeared to 90 days, not days_to_full_below', () => {
    expect(fields(checkRule(draft({ params: { percent: 1, days: 91 } })))).toEqual(['params.days']);
    expect(fields(checkRule(draft({ type: 'database_disappeared', params: { days: 91 } })))).toEqual(['params.days']);
    expect(checkRule(draft({ type: 'days_to_full_below', params: { days: 365 } })).problems).toEqual([]);
  });

  it('fixes the level of collection_failing and database_disappeared, and a database scope to database', () => {
    expect(checkRule(draft({ type: 'collection_failing', params: { runs: 1 } })).rule?.level).toBe('instance');
    expect(fields(checkRule(draft({ type: 'database_disappeared', level: 'instance', params: {} })))).toEqual(['level']);
    const scoped = draft({ type: 'size_above', level: 'instance', params: { bytes: 1 }, scope: { type: 'database', instance_id: 1, database_name: 'a' } });
    expect(fields(checkRule(scoped))).toEqual(['level']);
  });

  it('wants the field of its scope type and no other', () => {
    const sized = (scope: RuleDraft['scope']) => fields(checkRule(draft({ type: 'size_above', params: { bytes: 1 }, scope })));
    expect(sized({ type: 'tag' })).toEqual(['scope.tag']);
    expect(sized({ type: 'tag', tag: 'prod', db_type: 'mysql' })).toEqual(['scope.db_type']);
    expect(sized({ type: 'database', instance_id: 3 })).toEqual(['scope.database_name']);
    expect(sized({ type: 'instance', instance_id: 3 })).toEqual([]);
  });

  it('refuses an enabled rule without a channel', () => {
    expect(fields(checkRule(draft({ params: { percent: 1, days: 1 }, enabled: true })))).toEqual(['channel_ids']);
    expect(checkRule(draft({ params: { percent: 1, days: 1 }, enabled: true, channelIds: [4] })).problems).toEqual([]);
  });
});
