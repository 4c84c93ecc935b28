import { addDays, PERIOD_TYPES, todayIn } from '@capacity/contracts';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AggregationService } from '../aggregation/aggregation.service';
import { errorMessage } from '../common/error-message';
import { required } from '../common/required';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { PartitionCreateService } from '../partition/partition-create.service';
import { DEMO_HISTORY_DAYS, DEMO_INSTANCES } from './demo-dataset';
import { DemoRepository } from './demo.repository';

export interface DemoSeedResult {
  instances: { id: number; name: string }[];
  databaseRows: number;
  instanceRows: number;
  from: string;
  to: string;
}

/**
 * DEMO=1: on a repository without instances, seeds the demo instances with 90 days of synthetic
 * history, then rolls it up (aggregation) and files it into month partitions (partition maintenance).
 */
@Injectable()
export class DemoSeederService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeederService.name);

  constructor(
    private readonly repository: DemoRepository,
    private readonly aggregation: AggregationService,
    private readonly partitions: PartitionCreateService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demo) return;
    const result = await this.seed();
    if (!result) this.logger.log('DEMO: the repository already has instances, no demo data seeded');
  }

  /** Returns null when the repository already had instances. */
  async seed(now = new Date()): Promise<DemoSeedResult | null> {
    const to = todayIn(this.config.timeZone, now);
    const from = addDays(to, -(DEMO_HISTORY_DAYS - 1));
    const seeded = await this.repository.seedIfEmpty(async (manager) => {
      const instances = await this.repository.insertInstances(manager, DEMO_INSTANCES);
      const idOf = new Map(instances.map((instance) => [instance.name, instance.id]));
      const databases = DEMO_INSTANCES.flatMap((instance) =>
        instance.databases.map((database) => ({ instanceId: required(idOf.get(instance.name), `the id of ${instance.name}`), ...database })),
      );
      const databaseRows = await this.repository.insertDatabaseHistory(manager, databases, to, DEMO_HISTORY_DAYS, this.config.timeZone);
      const instanceRows = await this.repository.insertInstanceHistory(
        manager,
        DEMO_INSTANCES.filter((instance) => instance.databases.length > 0).map((instance) => required(idOf.get(instance.name), `the id of ${instance.name}`)),
      );
      return { instances, databaseRows, instanceRows, from, to };
    });
    if (!seeded) return null;
    this.logger.warn(
      `DEMO: seeded demo data — ${seeded.instances.length} instances (${seeded.instances.map((i) => i.name).join(', ')}, tag "demo") ` +
        `with synthetic daily history ${from}..${to}: ${seeded.databaseRows} database rows, ${seeded.instanceRows} instance rows`,
    );
    await this.aggregate(from, to);
    await this.fileIntoPartitions();
    return seeded;
  }

  private async aggregate(from: string, to: string): Promise<void> {
    const outcomes = await this.aggregation.recomputeRange(from, to, PERIOD_TYPES);
    const rows = outcomes.reduce((sum, outcome) => sum + outcome.databaseRows + outcome.instanceRows, 0);
    this.logger.log(`DEMO: aggregated the demo history ${from}..${to} (${rows} aggregation rows)`);
  }

  /** Past months of the history sit in the default partitions until their month partitions exist. */
  private async fileIntoPartitions(): Promise<void> {
    try {
      await this.partitions.maintain({ type: 'manual', createdBy: null });
      this.logger.log('DEMO: month partitions created for the demo history');
    } catch (error) {
      this.logger.warn(`DEMO: partition maintenance after seeding failed: ${errorMessage(error)}`);
    }
  }
}
