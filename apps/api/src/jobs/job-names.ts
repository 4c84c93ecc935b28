/**
 * The jobs, each with its own advisory lock. A session records the job it runs under: collect → capacity
 * sessions; aggregation; partition → create/maintenance; cleanup → partition-category cleanups and archive runs;
 * alert → alert evaluations (started after a collection or an aggregation run, not by a cron of its own);
 * digest → the daily digest of the notification channels in digest mode (ALERT_DIGEST_CRON, category alert).
 */
export const SCHEDULED_JOB_NAMES = ['collect', 'aggregation', 'partition', 'cleanup', 'digest'] as const;
export type ScheduledJobName = (typeof SCHEDULED_JOB_NAMES)[number];

export const JOB_NAMES = [...SCHEDULED_JOB_NAMES, 'alert'] as const;
export type JobName = (typeof JOB_NAMES)[number];
