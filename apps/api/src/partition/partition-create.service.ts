import {
  isYearMonth,
  STATS_TABLES,
  type PartitionCreateResult,
  type PartitionMovedRows,
  type PartitionRef,
  type SessionCategory,
  type SessionType,
  type StatsTable,
  type YearMonth,
} from '@capacity/contracts';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InvalidInputError } from '../common/domain-errors';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ZonedClock } from '../config/zoned-clock';
import { errorMessage } from '../common/error-message';
import { JobRunner, type JobContext, type JobOutcome, type JobRequest } from '../jobs/job-runner.service';
import { partitionName } from './partition-naming';
import { missingMonths, monthsAhead, monthsToRescue } from './partition-plan';
import { PartitionRepository } from './partition.repository';

export interface RunContext {
  type: SessionType;
  createdBy?: number | null;
  category?: SessionCategory;
}

/** The months to create for one table: one record of the session. */
interface TablePlan {
  table: StatsTable;
  months: YearMonth[];
}

export interface CreateRequest {
  month?: string;
  futureMonths?: number;
  table?: StatsTable;
}

const ref = (table: StatsTable, month: YearMonth): PartitionRef => ({ table, name: partitionName(table, month), month });

/** Creates month partitions (on demand, or ahead of time by the maintenance run) and rescues default rows. */
@Injectable()
export class PartitionCreateService {
  private readonly logger = new Logger(PartitionCreateService.name);

  constructor(
    private readonly repository: PartitionRepository,
    private readonly runner: JobRunner,
    private readonly clock: ZonedClock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `{ month }` → that month; `{ futureMonths: n }` → the current month and n after it; one table or every one. */
  async create(request: CreateRequest, context: RunContext): Promise<PartitionCreateResult> {
    let months: YearMonth[];
    if (request.month !== undefined) {
      if (!isYearMonth(request.month)) throw new InvalidInputError(`month must be a month as YYYY-MM, got ${JSON.stringify(request.month)}`, 'month');
      months = [request.month];
    } else {
      months = monthsAhead(this.clock.currentMonth(), request.futureMonths ?? this.config.partitionPremakeMonths);
    }
    const tables = request.table ? [request.table] : [...STATS_TABLES];
    return this.run(() => tables.map((table) => ({ table, months })), context);
  }

  /**
   * The scheduled job: the current month plus PARTITION_PREMAKE_MONTHS for every table, and a month partition
   * for rows stuck in a default partition (up to the end of that window). Only what is missing is created.
   */
  maintain(context: RunContext): Promise<PartitionCreateResult> {
    return this.run(() => this.maintenancePlan(), context);
  }

  private async maintenancePlan(): Promise<TablePlan[]> {
    const current = this.clock.currentMonth();
    const wanted = monthsAhead(current, this.config.partitionPremakeMonths);
    const [partitions, inDefault] = await Promise.all([this.repository.listPartitions(STATS_TABLES, { measure: false }), this.repository.defaultRowsByMonth()]);
    return STATS_TABLES.map((table) => {
      const existing = partitions.flatMap((p) => (p.table === table && p.month ? [p.month] : []));
      const rescue = monthsToRescue(inDefault.filter((row) => row.table === table).map((row) => row.month), current, this.config.partitionPremakeMonths);
      return { table, months: [...new Set([...missingMonths(wanted, existing), ...rescue])].sort() };
    });
  }

  /** One session (a record per table, planned under the partition lock) creating the planned months in order. */
  private run(plan: () => Promise<TablePlan[]> | TablePlan[], context: RunContext): Promise<PartitionCreateResult> {
    const request: JobRequest<TablePlan> = {
      category: context.category ?? 'partition',
      type: context.type,
      createdBy: context.createdBy ?? null,
      targets: plan,
      record: ({ table }) => ({ instanceId: null, name: table }),
    };
    return this.runner.runNow('partition', request, (job) => this.createPlanned(job));
  }

  private async createPlanned(job: JobContext<TablePlan>): Promise<JobOutcome<PartitionCreateResult>> {
    const result: PartitionCreateResult = { session_id: job.sessionId, created: [], existing: [], moved: [], failed: [] };
    for (const target of job.targets) {
      const { table } = target;
      const created: string[] = [];
      const existing: string[] = [];
      const moved: PartitionMovedRows[] = [];
      const failed: { name: string; reason: string }[] = [];
      for (const month of target.months) {
        try {
          const outcome = await this.repository.createMonthPartition(table, month);
          (outcome.created ? result.created : result.existing).push(ref(table, month));
          (outcome.created ? created : existing).push(outcome.name);
          if (outcome.movedRows > 0) moved.push({ ...ref(table, month), rows: outcome.movedRows });
        } catch (error) {
          const reason = errorMessage(error);
          this.logger.error(`could not create partition ${partitionName(table, month)}: ${reason}`);
          result.failed.push({ ...ref(table, month), reason });
          failed.push({ name: partitionName(table, month), reason });
        }
      }
      result.moved.push(...moved);
      await job.finishRecord(target, {
        ok: failed.length === 0,
        itemsSynced: created.length,
        error: failed.length > 0 ? failed.map((f) => `${f.name}: ${f.reason}`).join('; ') : null,
        details: { created, existing, moved: moved.map((m) => ({ name: m.name, rows: m.rows })), failed },
      });
    }
    return {
      result,
      summary: {
        created: result.created.length,
        existing: result.existing.length,
        moved_rows: result.moved.reduce((sum, m) => sum + m.rows, 0),
        failed: result.failed.length,
        created_partitions: result.created.map((p) => p.name),
      },
    };
  }
}
