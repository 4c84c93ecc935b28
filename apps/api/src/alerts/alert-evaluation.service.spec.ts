import { JobEvents } from '../jobs/job-events';
import { JobBusyError, type JobRunner } from '../jobs/job-runner.service';
import type { AlertEventsRepository } from './alert-events.repository';
import { AlertEvaluationService } from './alert-evaluation.service';
import type { AlertEvaluator } from './alert-evaluator.service';
import type { AlertRulesRepository } from './alert-rules.repository';

function setup(hasWork = true) {
  const events = new JobEvents();
  let finishFirst: () => void = () => undefined;
  const calls: string[] = [];
  const runner = {
    runNow: vi.fn(async (_job: string, _request: unknown, work: (context: { sessionId: string }) => Promise<unknown>) => {
      calls.push('runNow');
      if (calls.length === 1) {
        await work({ sessionId: 'first' });
        await new Promise<void>((done) => (finishFirst = done));
        return;
      }
      if (calls.length === 2) throw new JobBusyError('alert');
      await work({ sessionId: `run-${calls.length}` });
    }),
  };
  const evaluator = { evaluate: vi.fn(async () => ({ result: {} })) };
  const service = new AlertEvaluationService(
    events,
    runner as unknown as JobRunner,
    {} as AlertRulesRepository,
    { hasWork: vi.fn(async () => hasWork) } as unknown as AlertEventsRepository,
    evaluator as unknown as AlertEvaluator,
  );
  service.onModuleInit();
  return { events, runner, evaluator, service, finish: () => finishFirst() };
}

describe('AlertEvaluationService', () => {
  it('evaluates after a collection and an aggregation run, not after the others', async () => {
    const { events, runner, service, finish } = setup();
    await events.runFinished({ job: 'partition', category: 'partition', sessionId: 'p' });
    expect(runner.runNow).not.toHaveBeenCalled();
    await events.runFinished({ job: 'collect', category: 'capacity', sessionId: 'c' });
    expect(runner.runNow).toHaveBeenCalledTimes(1);
    finish();
    await service.idle();
  });

  it('runs once more after the evaluation in progress when a run ends while it holds the lock', async () => {
    const { events, runner, evaluator, service, finish } = setup();
    await events.runFinished({ job: 'collect', category: 'capacity', sessionId: 'c1' });
    await events.runFinished({ job: 'aggregation', category: 'aggregation', sessionId: 'a1' });
    expect(runner.runNow).toHaveBeenCalledTimes(2);
    finish();
    await service.idle();
    expect(runner.runNow).toHaveBeenCalledTimes(3);
    expect(evaluator.evaluate).toHaveBeenCalledTimes(2);
  });

  it('tries again later when another replica holds the lock (no run of its own will end to start the rerun)', async () => {
    vi.useFakeTimers();
    try {
      const events = new JobEvents();
      const runNow = vi.fn().mockRejectedValueOnce(new JobBusyError('alert')).mockResolvedValue(undefined);
      const service = new AlertEvaluationService(
        events,
        { runNow } as unknown as JobRunner,
        {} as AlertRulesRepository,
        { hasWork: async () => true } as unknown as AlertEventsRepository,
        {} as AlertEvaluator,
      );
      service.onModuleInit();
      await events.runFinished({ job: 'collect', category: 'capacity', sessionId: 'c' });
      await vi.advanceTimersByTimeAsync(29_000);
      expect(runNow).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(runNow).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('starts nothing without an enabled rule or a firing event', async () => {
    const { events, runner } = setup(false);
    await events.runFinished({ job: 'collect', category: 'capacity', sessionId: 'c' });
    expect(runner.runNow).not.toHaveBeenCalled();
  });
});
