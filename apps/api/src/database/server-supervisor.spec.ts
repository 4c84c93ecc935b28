import { Logger } from '@nestjs/common';
import { errorMessage } from '../common/error-message';
import { ServerSupervisor, type SupervisedServer, type SupervisionOptions } from './server-supervisor';

const OPTIONS: SupervisionOptions = { pollMs: 1000, attempts: 3, baseDelayMs: 100, maxDelayMs: 150 };

function fakeServer(restarts: Array<'ok' | 'fail'>) {
  let running = true;
  const calls: number[] = [];
  const server: SupervisedServer = {
    name: 'the test server',
    isRunning: async () => running,
    restart: async () => {
      calls.push(Date.now());
      if ((restarts.shift() ?? 'fail') === 'fail') throw new Error('could not start');
      running = true;
    },
  };
  return { server, calls, die: () => (running = false) };
}

describe('ServerSupervisor', () => {
  const logger = new Logger('SupervisorSpec');
  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    vi.spyOn(logger, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => vi.useRealTimers());

  it('leaves a running server alone', async () => {
    const { server, calls } = fakeServer([]);
    const supervisor = new ServerSupervisor(server, () => undefined, logger, OPTIONS);
    supervisor.start();
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls).toEqual([]);
    await supervisor.stop();
  });

  it('restarts a dead server at the next look, retrying with a growing wait', async () => {
    const { server, calls, die } = fakeServer(['fail', 'ok']);
    const giveUp = vi.fn();
    const supervisor = new ServerSupervisor(server, giveUp, logger, OPTIONS);
    supervisor.start();
    const start = Date.now();
    die();
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(100);
    expect(calls.map((at) => at - start)).toEqual([1000, 1100]);
    expect(await server.isRunning()).toBe(true);
    expect(logger.error).toHaveBeenCalledWith('the test server stopped unexpectedly; restarting it');
    expect(logger.log).toHaveBeenCalledWith('the test server restarted (attempt 2 of 3)');
    expect(giveUp).not.toHaveBeenCalled();
    await supervisor.stop();
  });

  it('gives up after the last attempt, once, with the last error', async () => {
    const { server, calls, die } = fakeServer(['fail', 'fail', 'fail']);
    const giveUp = vi.fn();
    const supervisor = new ServerSupervisor(server, giveUp, logger, OPTIONS);
    supervisor.start();
    const start = Date.now();
    die();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls.map((at) => at - start)).toEqual([1000, 1100, 1250]); // waits 100, then 150 (the cap)
    expect(giveUp).toHaveBeenCalledTimes(1);
    expect(giveUp.mock.calls[0][0]).toBeInstanceOf(Error);
    expect(errorMessage(giveUp.mock.calls[0][0])).toBe('could not start');
    await supervisor.stop();
  });

  it('stops during a backoff wait without waiting it out or trying again', async () => {
    const { server, calls, die } = fakeServer(['fail', 'ok']);
    const supervisor = new ServerSupervisor(server, () => undefined, logger, { ...OPTIONS, baseDelayMs: 60_000, maxDelayMs: 60_000 });
    supervisor.start();
    die();
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toHaveLength(1);
    let stopped = false;
    void supervisor.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it('does not restart once stopped', async () => {
    const { server, calls, die } = fakeServer(['ok']);
    const supervisor = new ServerSupervisor(server, () => undefined, logger, OPTIONS);
    supervisor.start();
    await supervisor.stop();
    die();
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls).toEqual([]);
  });
});
