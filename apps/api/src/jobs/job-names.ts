/**
 * The jobs, each with its own advisory lock. A session records the job it runs under: collect → capacity
 * sessions; aggregation; partition → create/maintenance; cleanup → partition-category cleanups and archive runs.
 */
export const JOB_NAMES = ['collect', 'aggregation', 'partition', 'cleanup'] as const;
export type JobName = (typeof JOB_NAMES)[number];
