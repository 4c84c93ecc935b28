import { JobEvents } from './job-events';
import type { SessionsService } from '../sessions/sessions.service';
import type { JobLockRepository } from './job-lock.repository';
import { JobBusyError, JobRunner, type JobOutcome, type JobRequest } from './job-runner.service';

interface Target {
  id: number;
  name: string;
}

function setup(options: { lockFree?: boolean } = {}) {
  const events: string[] = [];
  const release = vi.fn(async () => {
    events.push('release');
  });
  const locks = {
    tryLock: vi.fn(async (job: string) => {
      events.push(`lock ${job}`);
      return options.lockFree === false ? null : { release };
    }),
  };
  const sessions = {
    failInterrupted: vi.fn(async (jobs: string[]) => {
      events.push(`recover ${jobs.join(',')}`);
      return 0;
    }),
    start: vi.fn(async (input: { category: string; job: string; targets: { name: string }[] }) => {
      events.push(`start ${input.category} ${input.job} ${input.targets.map((t) => t.name).join(',')}`);
      return { sessionId: 'session-1', recordIds: new Map(input.targets.map((t, index) => [t.name, 100 + index])) };
    }),
    markRunning: vi.fn(async (recordId: number) => {
      events.push(`running ${recordId}`);
    }),
    finishRecord: vi.fn(async (recordId: number, outcome: { ok: boolean }) => {
      events.push(`record ${recordId} ${outcome.ok ? 'ok' : 'failed'}`);
    }),
    finish: vi.fn(async (sessionId: string, result: { summary?: unknown; error?: string | null }) => {
      events.push(`finish ${sessionId} ${result.error ?? JSON.stringify(result.summary)}`);
    }),
  };
  const bus = new JobEvents();
  bus.onRunFinished((event) => {
    events.push(`finished ${event.job} ${event.category} ${event.sessionId}`);
  });
  const runner = new JobRunner(locks as unknown as JobLockRepository, sessions as unknown as SessionsService, bus);
  const request = (targets: Target[]): JobRequest<Target> => ({
    category: 'capacity',
    type: 'manual',
    createdBy: 7,
    targets: async () => {
      events.push('targets');
      return targets;
    },
    record: (t) => ({ instanceId: t.id, name: t.name }),
  });
  return { runner, locks, sessions, release, events, request };
}

describe('JobRunner', () => {
  it('locks, recovers the job, plans under the lock, starts the session, works, finishes, releases — in that order', async () => {
    const { runner, sessions, events, request } = setup();
    const seen: number[] = [];
    const result = await runner.runNow('collect', request([{ id: 1, name: 'a' }, { id: 2, name: 'b' }]), async (context) => {
      events.push('work');
      for (const target of context.targets) seen.push(context.recordId(target));
      return { result: 'done', summary: { n: 2 } };
    });
    expect(result).toBe('done');
    expect(seen).toEqual([100, 101]);
    expect(events).toEqual(['lock collect', 'recover collect', 'targets', 'start capacity collect a,b', 'work', 'finish session-1 {"n":2}', 'finished collect capacity session-1', 'release']);
    expect(sessions.start).toHaveBeenCalledWith(expect.objectContaining({ type: 'manual', createdBy: 7, targets: [{ instanceId: 1, name: 'a' }, { instanceId: 2, name: 'b' }] }));
  });

  it('hands the work its records by target', async () => {
    const { runner, events, request } = setup();
    const targets = [{ id: 1, name: 'a' }, { id: 2, name: 'b' }];
    await runner.runNow('collect', request(targets), async (context) => {
      await context.markRunning(targets[1]);
      await context.finishRecord(targets[1], { ok: false, error: 'refused' });
      await context.finishRecord(targets[0], { ok: true });
      return { result: null };
    });
    expect(events.filter((e) => e.startsWith('running') || e.startsWith('record'))).toEqual(['running 101', 'record 101 failed', 'record 100 ok']);
  });

  it('refuses with a 409 JobBusyError while the lock is held, touching no session', async () => {
    const { runner, sessions, request } = setup({ lockFree: false });
    const work = vi.fn();
    const refused = runner.runNow('aggregation', request([]), work);
    await expect(refused).rejects.toBeInstanceOf(JobBusyError);
    await expect(refused).rejects.toMatchObject({ status: 409, message: 'a aggregation run is already in progress' });
    await expect(runner.start('aggregation', request([]), work)).rejects.toBeInstanceOf(JobBusyError);
    await expect(runner.withLock('aggregation', work)).rejects.toBeInstanceOf(JobBusyError);
    expect(work).not.toHaveBeenCalled();
    expect(sessions.failInterrupted).not.toHaveBeenCalled();
    expect(sessions.start).not.toHaveBeenCalled();
  });

  it('fails the session with the error of the work, rethrows it and releases the lock', async () => {
    const { runner, release, events, request } = setup();
    await expect(
      runner.runNow('partition', request([{ id: 1, name: 'a' }]), async () => {
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(events.slice(-3)).toEqual(['finish session-1 disk full', 'finished partition capacity session-1', 'release']);
    expect(release).toHaveBeenCalledTimes(1);
  });

  it('fails the session with the fatal error the work reports, without throwing', async () => {
    const { runner, events, request } = setup();
    expect(await runner.runNow('aggregation', request([]), async () => ({ result: 3, error: 'could not read' }))).toBe(3);
    expect(events.slice(-3)).toEqual(['finish session-1 could not read', 'finished aggregation capacity session-1', 'release']);
  });

  it('releases the lock and starts no session when planning the targets fails', async () => {
    const { runner, sessions, release } = setup();
    const failing: JobRequest<Target> = { category: 'capacity', type: 'manual', targets: async () => Promise.reject(new Error('no such instance')), record: (t) => ({ instanceId: t.id, name: t.name }) };
    await expect(runner.start('collect', failing, vi.fn())).rejects.toThrow('no such instance');
    expect(sessions.start).not.toHaveBeenCalled();
    expect(release).toHaveBeenCalledTimes(1);
  });

  it('releases the lock when recovering the interrupted runs fails, and hands out no lock', async () => {
    const { runner, sessions, release } = setup();
    sessions.failInterrupted.mockRejectedValueOnce(new Error('connection lost'));
    await expect(runner.tryAcquire('cleanup')).rejects.toThrow('connection lost');
    expect(release).toHaveBeenCalledTimes(1);
  });

  it('answers start() once the session exists and keeps the lock until the background work ends; idle() waits for it', async () => {
    const { runner, release, events, request } = setup();
    let finishWork: (value: string) => void = () => undefined;
    const work = () => new Promise<JobOutcome<string>>((resolve) => (finishWork = (value) => resolve({ result: value })));
    const started = await runner.start('collect', request([{ id: 1, name: 'a' }]), work);
    expect(started).toEqual({ sessionId: 'session-1' });
    expect(release).not.toHaveBeenCalled();

    let idle = false;
    const waiting = runner.idle().then(() => (idle = true));
    await Promise.resolve();
    expect(idle).toBe(false);
    finishWork('ok');
    await waiting;
    expect(events.slice(-3)).toEqual(['finish session-1 null', 'finished collect capacity session-1', 'release']);
  });

  it('logs a background failure instead of rejecting, with the session failed and the lock released', async () => {
    const { runner, release, events, request } = setup();
    await runner.start('collect', request([]), async () => {
      throw new Error('boom');
    });
    await runner.idle();
    expect(events.slice(-3)).toEqual(['finish session-1 boom', 'finished collect capacity session-1', 'release']);
    expect(release).toHaveBeenCalledTimes(1);
  });

  it('tells every listener that the run ended, even when one of them fails', async () => {
    const { runner, events, request } = setup();
    const bus = (runner as unknown as { events: JobEvents }).events;
    bus.onRunFinished(() => {
      throw new Error('listener broke');
    });
    bus.onRunFinished((event) => {
      events.push(`second ${event.sessionId}`);
    });
    expect(await runner.runNow('collect', request([]), async () => ({ result: 1 }))).toBe(1);
    expect(events.slice(-3)).toEqual(['finished collect capacity session-1', 'second session-1', 'release']);
  });
});
