import { STATS_TABLES, type PartitionCreateResult, type PartitionMovedRows, type PartitionRef, type SessionCategory, type SessionType, type StatsTable } from '@capacity/contracts';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InvalidInputError } from '../common/domain-errors';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { SessionsService } from '../sessions/sessions.service';
import { partitionName } from './partition-naming';
import { currentMonth, formatYearMonth, missingMonths, monthsAhead, monthsToRescue, parseYearMonth } from './partition-plan';
import { PartitionRepository } from './partition.repository';

export interface RunContext {
  type: SessionType;
  createdBy?: number | null;
  category?: SessionCategory;
}

export interface CreateRequest {
  month?: string;
  futureMonths?: number;
  table?: StatsTable;
}

const ref = (table: StatsTable, month: Date): PartitionRef => ({ table, name: partitionName(table, month), month: formatYearMonth(month) });

/** Creates month partitions (on demand, or ahead of time by the maintenance run) and rescues default rows. */
@Injectable()
export class PartitionCreateService {
  private readonly logger = new Logger(PartitionCreateService.name);

  constructor(
    private readonly repository: PartitionRepository,
    private readonly sessions: SessionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `{ month }` → that month; `{ futureMonths: n }` → the current month and n after it; one table or all four. */
  async create(request: CreateRequest, context: RunContext): Promise<PartitionCreateResult> {
    let months: Date[];
    if (request.month !== undefined) {
      const month = parseYearMonth(request.month);
      if (!month) throw new InvalidInputError(`month must be a month as YYYY-MM, got ${JSON.stringify(request.month)}`, 'month');
      months = [month];
    } else {
      months = monthsAhead(this.currentMonth(), request.futureMonths ?? this.config.partitionPremakeMonths);
    }
    const tables = request.table ? [request.table] : [...STATS_TABLES];
    return this.run(new Map(tables.map((table) => [table, months])), context);
  }

  /**
   * The scheduled job: the current month plus PARTITION_PREMAKE_MONTHS for every table, and a month partition
   * for rows stuck in a default partition (up to the end of that window). Only what is missing is created.
   */
  async maintain(context: RunContext): Promise<PartitionCreateResult> {
    const current = this.currentMonth();
    const wanted = monthsAhead(current, this.config.partitionPremakeMonths);
    const [partitions, inDefault] = await Promise.all([this.repository.listPartitions(STATS_TABLES, { measure: false }), this.repository.defaultRowsByMonth()]);
    const plan = new Map<StatsTable, Date[]>();
    for (const table of STATS_TABLES) {
      const existing = partitions.filter((p) => p.table === table && p.month).map((p) => p.month as Date);
      const rescue = monthsToRescue(inDefault.filter((row) => row.table === table).map((row) => row.month), current, this.config.partitionPremakeMonths);
      const months = new Map<number, Date>();
      for (const month of [...missingMonths(wanted, existing), ...rescue]) months.set(month.getTime(), month);
      plan.set(table, [...months.values()].sort((a, b) => a.getTime() - b.getTime()));
    }
    return this.run(plan, context);
  }

  currentMonth(): Date {
    return currentMonth(new Date(), this.config.timeZone);
  }

  /** One session (a record per table) creating the planned months in order. */
  private async run(plan: Map<StatsTable, Date[]>, context: RunContext): Promise<PartitionCreateResult> {
    const tables = [...plan.keys()];
    const { sessionId, recordIds } = await this.sessions.start({
      category: context.category ?? 'partition',
      job: 'partition',
      type: context.type,
      createdBy: context.createdBy ?? null,
      targets: tables.map((table) => ({ instanceId: null, name: table })),
    });
    const result: PartitionCreateResult = { session_id: sessionId, created: [], existing: [], moved: [], failed: [] };
    try {
      for (const table of tables) {
        const recordId = recordIds.get(table) as number;
        const created: string[] = [];
        const existing: string[] = [];
        const moved: PartitionMovedRows[] = [];
        const failed: { name: string; reason: string }[] = [];
        for (const month of plan.get(table) ?? []) {
          try {
            const outcome = await this.repository.createMonthPartition(table, month);
            (outcome.created ? result.created : result.existing).push(ref(table, month));
            (outcome.created ? created : existing).push(outcome.name);
            if (outcome.movedRows > 0) moved.push({ ...ref(table, month), rows: outcome.movedRows });
          } catch (error) {
            const reason = (error as Error).message;
            this.logger.error(`could not create partition ${partitionName(table, month)}: ${reason}`);
            result.failed.push({ ...ref(table, month), reason });
            failed.push({ name: partitionName(table, month), reason });
          }
        }
        result.moved.push(...moved);
        await this.sessions.finishRecord(recordId, {
          ok: failed.length === 0,
          itemsSynced: created.length,
          error: failed.length > 0 ? failed.map((f) => `${f.name}: ${f.reason}`).join('; ') : null,
          details: { created, existing, moved: moved.map((m) => ({ name: m.name, rows: m.rows })), failed },
        });
      }
      await this.sessions.finish(sessionId, {
        summary: {
          created: result.created.length,
          existing: result.existing.length,
          moved_rows: result.moved.reduce((sum, m) => sum + m.rows, 0),
          failed: result.failed.length,
          created_partitions: result.created.map((p) => p.name),
        },
      });
    } catch (error) {
      await this.sessions.finish(sessionId, { error: (error as Error).message });
      throw error;
    }
    return result;
  }
}
