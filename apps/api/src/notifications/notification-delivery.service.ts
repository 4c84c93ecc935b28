import { Inject, Injectable, Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { errorMessage } from '../common/error-message';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { ResolvedChannel } from './channel-settings';
import type { OutgoingMessage } from './notice-format';
import { NotificationChannelsRepository } from './notification-channels.repository';
import { sendOnce } from './senders';
import { SendError } from './senders/sender';

/** How a send ended after its attempts. */
export interface DeliveryResult {
  ok: boolean;
  attempts: number;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/**
 * Sends one message to one channel: up to NOTIFICATION_ATTEMPTS attempts, waiting NOTIFICATION_RETRY_DELAY_MS,
 * then twice that, … between them; every attempt is a notification_deliveries row. Never throws.
 */
@Injectable()
export class NotificationDelivery {
  private readonly logger = new Logger(NotificationDelivery.name);

  constructor(
    private readonly repository: NotificationChannelsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async deliver(channel: ResolvedChannel, message: OutgoingMessage): Promise<DeliveryResult> {
    const { attempts, retryDelayMs, timeoutMs } = this.config.notifications;
    const eventIds = [...new Set(message.notices.map((notice) => notice.eventId))];
    const started = Date.now();
    let last: DeliveryResult = { ok: false, attempts: 0, statusCode: null, error: 'not attempted', durationMs: 0 };
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      if (attempt > 1) await sleep(retryDelayMs * 2 ** (attempt - 2));
      const attemptStarted = Date.now();
      let statusCode: number | null = null;
      let error: string | null = null;
      try {
        statusCode = (await sendOnce(channel.settings, message, { timeoutMs, now: () => new Date() })).statusCode;
      } catch (caught) {
        statusCode = caught instanceof SendError ? caught.statusCode : null;
        error = errorMessage(caught);
      }
      const durationMs = Date.now() - attemptStarted;
      await this.repository
        .recordAttempt({ channelId: channel.id, purpose: message.purpose, eventIds, attempt, ok: error === null, statusCode, error, durationMs })
        .catch((recordError: unknown) => this.logger.error(`could not record delivery to channel ${channel.id}: ${errorMessage(recordError)}`));
      last = { ok: error === null, attempts: attempt, statusCode, error, durationMs: Date.now() - started };
      if (last.ok) return last;
      this.logger.warn(`channel ${channel.id} (${channel.kind}) attempt ${attempt}/${attempts} failed: ${error}`);
    }
    return last;
  }
}
