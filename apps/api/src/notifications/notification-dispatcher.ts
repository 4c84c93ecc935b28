import { Injectable, Logger } from '@nestjs/common';
import { errorMessage } from '../common/error-message';
import type { AlertNotice } from './alert-notice';
import type { ResolvedChannel } from './channel-settings';
import { NotificationChannelsRepository } from './notification-channels.repository';
import { NotificationChannelsService } from './notification-channels.service';
import { NotificationDelivery } from './notification-delivery.service';

/**
 * The alerts module's way out: `dispatch(channelIds, notices)` sends the notices now to the enabled immediate
 * channels (one message per channel with all of them, channels in parallel) and queues them for the enabled digest
 * channels.
 * Never throws: a failing channel is retried and recorded, and never holds up the others.
 */
@Injectable()
export class NotificationDispatcher {
  private readonly logger = new Logger(NotificationDispatcher.name);

  constructor(
    private readonly channels: NotificationChannelsService,
    private readonly repository: NotificationChannelsRepository,
    private readonly delivery: NotificationDelivery,
  ) {}

  async dispatch(channelIds: number[], notices: AlertNotice[]): Promise<void> {
    if (channelIds.length === 0 || notices.length === 0) return;
    let channels: ResolvedChannel[];
    try {
      const resolved = await this.channels.resolveEach([...new Set(channelIds)]);
      channels = resolved.channels.filter((channel) => channel.enabled);
      await Promise.all(resolved.unreadable.map((channel) => this.recordUnreadable(channel, notices)));
    } catch (error) {
      this.logger.error(`could not load notification channels ${channelIds.join(', ')}: ${errorMessage(error)}`);
      return;
    }
    const digest = channels.filter((channel) => channel.mode === 'digest');
    const immediate = channels.filter((channel) => channel.mode === 'immediate');
    await Promise.all([
      this.repository
        .enqueue(
          digest.map((channel) => channel.id),
          notices,
        )
        .catch((error: unknown) => this.logger.error(`could not queue notices for the digest: ${errorMessage(error)}`)),
      ...immediate.map((channel) => this.send(channel, notices)),
    ]);
  }

  /** A channel whose settings cannot be read gets a failed delivery row saying why (and is not retried). */
  private async recordUnreadable(channel: { id: number; error: string }, notices: AlertNotice[]): Promise<void> {
    this.logger.error(`notification channel ${channel.id} cannot be used: ${channel.error}`);
    await this.repository
      .recordAttempt({
        channelId: channel.id,
        purpose: 'alert',
        eventIds: [...new Set(notices.map((notice) => notice.eventId))],
        attempt: 1,
        ok: false,
        statusCode: null,
        error: `settings unreadable: ${channel.error}`,
        durationMs: 0,
      })
      .catch((error: unknown) => this.logger.error(`could not record delivery to channel ${channel.id}: ${errorMessage(error)}`));
  }

  /** One message per channel and call: a run that raises 200 alerts sends one e-mail, not 200. */
  private async send(channel: ResolvedChannel, notices: AlertNotice[]): Promise<void> {
    try {
      await this.delivery.deliver(channel, { purpose: 'alert', channelName: channel.name, notices });
    } catch (error) {
      this.logger.error(`notices to channel ${channel.id}: ${errorMessage(error)}`);
    }
  }
}
