import { currentMonthIn, STATS_TABLES, type PartitionCleanupResult, type PartitionRef, type SessionCategory, type SessionType, type StatsTable, type YearMonth } from '@capacity/contracts';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { errorMessage } from '../common/error-message';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { JobRunner, type JobContext, type JobOutcome, type JobRequest } from '../jobs/job-runner.service';
import { ARCHIVE_STEP, type ArchiveStep } from './archive-step';
import { partitionName } from './partition-naming';
import { pastRetention, retentionKeepFrom } from './partition-retention';
import { PartitionRepository } from './partition.repository';

export interface CleanupOptions {
  retentionMonths?: number;
  dryRun?: boolean;
  /** Only with the archive off (or absent): drop past-retention partitions without writing them to the cold tier. */
  dropWithoutArchive?: boolean;
  category?: Extract<SessionCategory, 'partition' | 'archive'>;
  type?: SessionType;
  createdBy?: number | null;
}

export const ARCHIVE_DISABLED_MESSAGE = 'archive disabled: pass drop_without_archive=true to drop without archiving';
export const NO_ARCHIVE_STEP_MESSAGE = 'no archive step available: pass drop_without_archive=true to drop without archiving';
export const SCHEDULED_NO_ARCHIVE_MESSAGE = 'archive disabled: the scheduled cleanup never drops without archiving';

interface Candidate extends PartitionRef {
  table: StatsTable;
}

/**
 * Retention: month partitions entirely older than RETENTION_MONTHS go through the archive step (export, verify,
 * then drop). Without an active archive step nothing is dropped unless the request asks for it explicitly.
 */
@Injectable()
export class PartitionCleanupService {
  private readonly logger = new Logger(PartitionCleanupService.name);

  constructor(
    private readonly repository: PartitionRepository,
    private readonly runner: JobRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    /** Bound by PartitionModule to the cold tier's step; null only where a composition has none (a unit spec). */
    @Inject(ARCHIVE_STEP) private readonly archiveStep: ArchiveStep | null,
  ) {}

  /** Whether a real run writes partitions to the cold tier before dropping them. */
  get archiveActive(): boolean {
    return this.config.enabled.archive && Boolean(this.archiveStep);
  }

  /** One cleanup run under the cleanup lock (409 while another holds it); the candidates are listed under the lock. */
  cleanup(options: CleanupOptions = {}): Promise<PartitionCleanupResult> {
    const retentionMonths = options.retentionMonths ?? this.config.retentionMonths;
    const type = options.type ?? 'manual';
    const current = currentMonthIn(this.config.timeZone);
    const request: JobRequest<Candidate> = {
      category: options.category ?? 'partition',
      type,
      createdBy: options.createdBy ?? null,
      targets: () => this.candidates(current, retentionMonths),
      record: (candidate) => ({ instanceId: null, name: candidate.name }),
    };
    return this.runner.runNow('cleanup', request, (job) => this.apply(job, options, { type, current, retentionMonths }));
  }

  private async candidates(current: YearMonth, retentionMonths: number): Promise<Candidate[]> {
    const partitions = await this.repository.listPartitions(STATS_TABLES, { measure: false });
    return pastRetention(
      partitions.flatMap((p) => (p.month ? [{ table: p.table, month: p.month }] : [])),
      current,
      retentionMonths,
    ).map((p) => ({ table: p.table, name: partitionName(p.table, p.month), month: p.month }));
  }

  private async apply(
    job: JobContext<Candidate>,
    options: CleanupOptions,
    run: { type: SessionType; current: YearMonth; retentionMonths: number },
  ): Promise<JobOutcome<PartitionCleanupResult>> {
    const { retentionMonths } = run;
    const dryRun = options.dryRun ?? false;
    const candidates = job.targets;
    const plain = ({ table, name, month }: Candidate): PartitionRef => ({ table, name, month });
    const result: PartitionCleanupResult = {
      session_id: job.sessionId,
      dry_run: dryRun,
      retention_months: retentionMonths,
      keep_from: retentionKeepFrom(run.current, retentionMonths),
      archive_enabled: this.config.enabled.archive,
      would_drop: candidates.map(plain),
      dropped: [],
      archived: [],
      skipped: [],
      message: null,
    };

    const refusal = this.refusal(options, run.type);
    if (!dryRun && refusal && candidates.length > 0) result.message = refusal;
    for (const candidate of candidates) {
      if (dryRun) {
        await job.finishRecord(candidate, { ok: true, details: { action: 'would_drop', dry_run: true } });
      } else if (refusal) {
        result.skipped.push({ ...plain(candidate), reason: refusal });
        await job.finishRecord(candidate, { ok: true, details: { action: 'skipped', reason: refusal } });
      } else {
        await this.process(candidate, job, result);
      }
    }
    return {
      result,
      summary: {
        dry_run: dryRun,
        retention_months: retentionMonths,
        keep_from: result.keep_from,
        would_drop: result.would_drop.length,
        dropped: result.dropped.map((p) => p.name),
        archived: result.archived.map((p) => p.name),
        skipped: result.skipped.length,
        message: result.message,
      },
    };
  }

  /** Why a real run must not drop, or null when it may (through the archive step, or explicitly without). */
  private refusal(options: CleanupOptions, type: SessionType): string | null {
    if (this.archiveActive) return null;
    if (type === 'scheduled') return SCHEDULED_NO_ARCHIVE_MESSAGE;
    if (options.dropWithoutArchive) return null;
    return this.config.enabled.archive ? NO_ARCHIVE_STEP_MESSAGE : ARCHIVE_DISABLED_MESSAGE;
  }

  /** One partition past retention: archive then drop, or drop alone when explicitly allowed. */
  private async process(candidate: Candidate, job: JobContext<Candidate>, result: PartitionCleanupResult): Promise<void> {
    const { table, name, month } = candidate;
    const ref: PartitionRef = { table, name, month };
    await job.markRunning(candidate);
    try {
      if (this.archiveActive) {
        let dropped = false;
        const outcome = await (this.archiveStep as ArchiveStep).archiveThenDrop(table, month, async () => {
          await this.repository.dropMonthPartition(table, month);
          dropped = true;
        });
        if (outcome.archived) result.archived.push({ ...ref, files: outcome.files, rows: outcome.rows, detail: outcome.detail });
        if (dropped) result.dropped.push(ref);
        else result.skipped.push({ ...ref, reason: outcome.detail || 'archive step did not drop the partition' });
        await job.finishRecord(candidate, {
          ok: true,
          itemsSynced: outcome.rows,
          details: { action: dropped ? 'archived_and_dropped' : 'not_dropped', archived: outcome.archived, files: outcome.files, rows: outcome.rows, detail: outcome.detail },
        });
      } else {
        const dropped = await this.repository.dropMonthPartition(table, month);
        if (dropped) result.dropped.push(ref);
        else result.skipped.push({ ...ref, reason: 'partition no longer exists' });
        this.logger.warn(`dropped partition ${name} without archiving (drop_without_archive)`);
        await job.finishRecord(candidate, { ok: true, details: { action: dropped ? 'dropped_without_archive' : 'missing' } });
      }
    } catch (error) {
      const reason = errorMessage(error);
      this.logger.error(`cleanup of partition ${name} failed: ${reason}`);
      result.skipped.push({ ...ref, reason: `failed: ${reason}` });
      await job.finishRecord(candidate, { ok: false, error: reason });
    }
  }
}
