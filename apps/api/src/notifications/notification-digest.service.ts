import type { SessionType } from '@capacity/contracts';
import { Injectable } from '@nestjs/common';
import { errorMessage } from '../common/error-message';
import { JobRunner } from '../jobs/job-runner.service';
import type { ResolvedChannel } from './channel-settings';
import { NotificationChannelsRepository } from './notification-channels.repository';
import { NotificationChannelsService } from './notification-channels.service';
import { NotificationDelivery } from './notification-delivery.service';

export interface DigestRunResult {
  sessionId: string;
  channels: number;
  delivered: number;
  notices: number;
}

/**
 * The daily digest (job `digest`, session category `alert`): per enabled digest channel with queued notices, one
 * message with all of them and a session record. Sent notices leave the queue; a channel that fails keeps its
 * notices for the next digest (its record says why), and never stops the other channels.
 */
@Injectable()
export class NotificationDigest {
  constructor(
    private readonly runner: JobRunner,
    private readonly channels: NotificationChannelsService,
    private readonly repository: NotificationChannelsRepository,
    private readonly delivery: NotificationDelivery,
  ) {}

  runScheduled(): Promise<DigestRunResult> {
    return this.run('scheduled');
  }

  run(type: SessionType, createdBy: number | null = null): Promise<DigestRunResult> {
    let sessionId = '';
    return this.runner.runNow(
      'digest',
      {
        category: 'alert',
        type,
        createdBy,
        // A channel whose settings cannot be read (APP_SECRET_KEY changed) keeps its notices and stays out of the run.
        targets: async () => (await this.channels.resolveEach(await this.repository.digestChannelIds())).channels,
        record: (channel: ResolvedChannel) => ({ instanceId: null, name: `channel ${channel.id}: ${channel.name}` }),
      },
      async (job) => {
        sessionId = job.sessionId;
        let delivered = 0;
        let notices = 0;
        for (const channel of job.targets) {
          await job.markRunning(channel);
          try {
            const queued = await this.repository.queued(channel.id);
            const result = await this.delivery.deliver(channel, { purpose: 'digest', channelName: channel.name, notices: queued.map((row) => row.notice) });
            if (result.ok) {
              await this.repository.dequeue(queued.map((row) => row.id));
              delivered += 1;
              notices += queued.length;
            }
            await job.finishRecord(channel, {
              ok: result.ok,
              itemsSynced: result.ok ? queued.length : 0,
              error: result.error,
              details: { kind: channel.kind, notices: queued.length, attempts: result.attempts, status_code: result.statusCode },
            });
          } catch (error) {
            await job.finishRecord(channel, { ok: false, error: errorMessage(error) });
          }
        }
        return {
          result: { sessionId, channels: job.targets.length, delivered, notices },
          summary: { channels: job.targets.length, delivered, notices },
        };
      },
    );
  }
}
