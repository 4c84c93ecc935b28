import { currentMonthIn, STATS_TABLES, type YearMonth } from '@capacity/contracts';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { errorMessage } from '../common/error-message';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { missingMonths, monthsAhead } from './partition-plan';
import { PartitionRepository } from './partition.repository';

/** Creates the partitions of `months` that are missing, for every statistics table (idempotent); the names created. */
export async function createMissingMonthPartitions(repository: PartitionRepository, months: readonly YearMonth[]): Promise<string[]> {
  const partitions = await repository.listPartitions(STATS_TABLES, { measure: false });
  const created: string[] = [];
  for (const table of STATS_TABLES) {
    const existing = partitions.flatMap((partition) => (partition.table === table && partition.month ? [partition.month] : []));
    for (const month of missingMonths(months, existing)) {
      const outcome = await repository.createMonthPartition(table, month);
      if (outcome.created) created.push(outcome.name);
    }
  }
  return created;
}

/**
 * At every start the current month and the PARTITION_PREMAKE_MONTHS after it have their partitions (the migrations
 * create only the default ones), whatever the switch. With PARTITION_ENABLED the start-up maintenance (JobScheduler)
 * creates them in a session, so this one stands aside; without, they are created here, before any job starts.
 */
@Injectable()
export class PartitionStartupService implements OnModuleInit {
  private readonly logger = new Logger(PartitionStartupService.name);

  constructor(
    private readonly repository: PartitionRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.enabled.partition) return;
    const months = monthsAhead(currentMonthIn(this.config.timeZone), this.config.partitionPremakeMonths);
    try {
      await createMissingMonthPartitions(this.repository, months);
    } catch (error) {
      // Rows of a month without its partition land in the default one: nothing is lost, the next start retries.
      this.logger.error(`start-up creation of the current month partitions failed: ${errorMessage(error)}`);
    }
  }
}
