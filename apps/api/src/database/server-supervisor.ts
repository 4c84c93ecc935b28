import type { Logger } from '@nestjs/common';

export interface SupervisedServer {
  /** Named in the log lines. */
  name: string;
  isRunning(): Promise<boolean>;
  /** Starts it again; rejects when it did not come up. */
  restart(): Promise<void>;
}

export interface SupervisionOptions {
  /** How often to look whether the server still runs. */
  pollMs: number;
  /** Restart attempts after one death before giving up. */
  attempts: number;
  /** Wait after the first failed attempt; doubled after each further one, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_SUPERVISION: SupervisionOptions = { pollMs: 1000, attempts: 6, baseDelayMs: 1000, maxDelayMs: 15_000 };

/**
 * Watches a server process and restarts it when it dies: a few attempts with exponential backoff, then `onGiveUp`
 * (the app exits non-zero there, so that its own supervisor restarts the whole product).
 */
export class ServerSupervisor {
  private timer?: NodeJS.Timeout;
  private recovering?: Promise<void>;
  private stopped = false;
  /** Ends the backoff wait early, so that a shutdown does not wait for it. */
  private wake?: () => void;

  constructor(
    private readonly server: SupervisedServer,
    private readonly onGiveUp: (lastError: unknown) => void,
    private readonly logger: Logger,
    private readonly options: SupervisionOptions = DEFAULT_SUPERVISION,
  ) {}

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => void this.check(), this.options.pollMs);
    this.timer.unref(); // the HTTP server keeps the process alive, not the watch
  }

  /** Stops watching; waits for a restart in progress so that nothing starts after this resolves. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.wake?.();
    await this.recovering;
  }

  /** One look (the timer calls it; exposed for the spec). */
  async check(): Promise<void> {
    if (this.stopped || this.recovering) return;
    if (await this.server.isRunning()) return;
    if (this.stopped) return;
    this.recovering = this.recover().finally(() => (this.recovering = undefined));
    await this.recovering;
  }

  private pause(ms: number): Promise<void> {
    return new Promise((done) => {
      const timer = setTimeout(done, ms);
      this.wake = () => {
        clearTimeout(timer);
        done();
      };
    });
  }

  private async recover(): Promise<void> {
    const { attempts } = this.options;
    this.logger.error(`${this.server.name} stopped unexpectedly; restarting it`);
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      if (this.stopped) return;
      try {
        await this.server.restart();
        this.logger.log(`${this.server.name} restarted (attempt ${attempt} of ${attempts})`);
        return;
      } catch (error) {
        lastError = error;
        const delay = Math.min(this.options.baseDelayMs * 2 ** (attempt - 1), this.options.maxDelayMs);
        this.logger.warn(`restarting ${this.server.name} failed (attempt ${attempt} of ${attempts}): ${error instanceof Error ? error.message : String(error)}`);
        if (attempt < attempts) await this.pause(delay);
      }
    }
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.timer);
    this.logger.error(`${this.server.name} could not be restarted after ${attempts} attempts; giving up`);
    this.onGiveUp(lastError);
  }
}
