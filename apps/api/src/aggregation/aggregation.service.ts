import { PERIOD_TYPES, type PeriodType, type RunAcceptedResponse, type RunAggregationDto, type SessionType } from '@capacity/contracts';
import { Injectable, Logger } from '@nestjs/common';
import type { AuthUser } from '../auth/roles.decorator';
import { InvalidInputError } from '../common/domain-errors';
import { errorMessage } from '../common/error-message';
import { ZonedClock } from '../config/zoned-clock';
import { JobRunner, type JobContext, type JobOutcome, type JobRequest } from '../jobs/job-runner.service';
import { AggregationRepository, ROLLUP_KINDS } from './aggregation.repository';
import { periodRangeForDates, periodRangesFor, type PeriodRange } from './period';

export interface RecomputeOutcome {
  periodType: PeriodType;
  ranges: PeriodRange[];
  databaseRows: number;
  instanceRows: number;
}

/** Statements of one run in flight at once (PostgreSQL runs each on one core). */
const RUN_LANES = 2;

/** What a run recomputes: the periods touched since the watermark, or a date range. */
export type AggregationScope = { mode: 'incremental' } | { mode: 'range'; from: string; to: string };

/**
 * Rolls daily stats up into daily/weekly/monthly/quarterly aggregations, set-based in PostgreSQL.
 * Scheduled runs are incremental (stats written since the last successful run); manual runs and the
 * demo seeder recompute a date range. Every run through `run` is a session of category aggregation.
 */
@Injectable()
export class AggregationService {
  private readonly logger = new Logger(AggregationService.name);

  constructor(
    private readonly repository: AggregationRepository,
    private readonly runner: JobRunner,
    private readonly clock: ZonedClock,
  ) {}

  /** POST /aggregations/run: 409 when a run holds the lock; otherwise 202 with the session, work continues in the background. */
  async startManualRun(dto: RunAggregationDto, user: AuthUser): Promise<RunAcceptedResponse> {
    const scope = this.manualScope(dto);
    const types = dto.period_type ? [dto.period_type] : PERIOD_TYPES;
    const { sessionId } = await this.runner.start('aggregation', this.request(types, 'manual', user.id), (context) => this.execute(context, scope));
    return { session_id: sessionId, status: 'running' };
  }

  /** The scheduled run (JobScheduler): the periods touched since the last one. */
  runScheduled(): Promise<string> {
    return this.run({ mode: 'incremental' }, PERIOD_TYPES, 'scheduled', null);
  }

  /** A whole run as a session, awaited (the scheduler, tests, benchmarks); 409 while another run holds the lock. */
  run(scope: AggregationScope, types: readonly PeriodType[], type: SessionType, createdBy: number | null): Promise<string> {
    return this.runner.runNow('aggregation', this.request(types, type, createdBy), (context) => this.execute(context, scope));
  }

  /**
   * Recomputes every period of `types` touching [from, to] (and the period after, whose change
   * figures depend on it), for every instance with stats there. No session, no lock: for callers
   * that own the moment (the demo seeder).
   */
  async recomputeRange(from: string, to: string, types: readonly PeriodType[] = PERIOD_TYPES): Promise<RecomputeOutcome[]> {
    const outcomes: RecomputeOutcome[] = [];
    for (const periodType of types) outcomes.push(await this.recomputeRanges(periodType, [periodRangeForDates(periodType, from, to)]));
    return outcomes;
  }

  private async recomputeRanges(periodType: PeriodType, ranges: PeriodRange[]): Promise<RecomputeOutcome> {
    const outcome: RecomputeOutcome = { periodType, ranges, databaseRows: 0, instanceRows: 0 };
    for (const range of ranges) {
      for (const kind of ROLLUP_KINDS) {
        const rows = await this.repository.recompute(kind, periodType, range);
        if (kind === 'database') outcome.databaseRows += rows;
        else outcome.instanceRows += rows;
      }
    }
    this.logger.log(
      `aggregated ${periodType} ${ranges.map((r) => `${r.firstStart}..${r.lastStart}`).join(', ') || '(nothing touched)'}: ` +
        `${outcome.databaseRows} database rows, ${outcome.instanceRows} instance rows written`,
    );
    return outcome;
  }

  private request(types: readonly PeriodType[], type: SessionType, createdBy: number | null): JobRequest<PeriodType> {
    return { category: 'aggregation', type, createdBy, targets: () => types, record: (periodType) => ({ instanceId: null, name: periodType }) };
  }

  /** One record per period type; the incremental watermark advances only when all of them succeeded. */
  private async execute(context: JobContext<PeriodType>, scope: AggregationScope): Promise<JobOutcome<string>> {
    const { sessionId, targets: types } = context;
    let touched: { dates: string[]; newestUpdate: Date | null } | null = null;
    try {
      if (scope.mode === 'incremental') touched = await this.repository.touchedSince(await this.repository.getWatermark());
    } catch (error) {
      return { result: sessionId, error: `could not read the stats written since the last run: ${errorMessage(error)}` };
    }
    let failures = 0;
    let rowsWritten = 0;
    const runType = async (periodType: PeriodType): Promise<void> => {
      await context.markRunning(periodType);
      try {
        const ranges = touched ? periodRangesFor(periodType, touched.dates) : scope.mode === 'range' ? [periodRangeForDates(periodType, scope.from, scope.to)] : [];
        const outcome = await this.recomputeRanges(periodType, ranges);
        rowsWritten += outcome.databaseRows + outcome.instanceRows;
        await context.finishRecord(periodType, {
          ok: true,
          itemsSynced: outcome.databaseRows + outcome.instanceRows,
          details: { ranges: outcome.ranges, database_rows: outcome.databaseRows, instance_rows: outcome.instanceRows },
        });
      } catch (error) {
        failures++;
        this.logger.error(`aggregation ${periodType} failed in session ${sessionId}: ${errorMessage(error)}`);
        await context.finishRecord(periodType, { ok: false, error: errorMessage(error) });
      }
    };
    // Period types write disjoint rows: RUN_LANES statements at a time, the costliest (quarterly) first.
    const queue = [...types].reverse();
    await Promise.all(
      Array.from({ length: Math.min(RUN_LANES, queue.length) }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) await runType(next);
      }),
    );
    if (touched?.newestUpdate && failures === 0) await this.repository.advanceWatermark(touched.newestUpdate);
    return {
      result: sessionId,
      summary: {
        mode: scope.mode,
        ...(scope.mode === 'range' ? { from: scope.from, to: scope.to } : { dates_touched: touched?.dates.length ?? 0 }),
        period_types: types,
        rows_written: rowsWritten,
      },
    };
  }

  private manualScope(dto: RunAggregationDto): AggregationScope {
    const today = this.clock.today();
    const from = dto.start_date ?? dto.end_date ?? today;
    const to = dto.end_date ?? (from > today ? from : today);
    if (to < from) throw new InvalidInputError('end_date must not be before start_date', 'end_date');
    return { mode: 'range', from, to };
  }
}
