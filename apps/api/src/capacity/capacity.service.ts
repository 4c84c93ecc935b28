import type {
  CapacityItemResponse,
  DatabaseLimitResponse,
  FleetCapacityQueryDto,
  InstanceCapacityQueryDto,
  InstanceCapacityResponse,
  LimitChangeResponse,
  PageQueryDto,
  Paginated,
} from '@capacity/contracts';
import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/roles.decorator';
import { NotFoundError } from '../common/domain-errors';
import { buildPagination } from '../common/pagination';
import { bytesToMb, toNumberOrNull } from '../common/units';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { InstanceAccessService } from '../instances/instance-access.service';
import type { CapacityFilter, CapacityRow } from './capacity-sql';
import { CapacityRepository, type DatabaseLimitRow } from './capacity.repository';

export function toCapacityItem(row: CapacityRow): CapacityItemResponse {
  const growth = toNumberOrNull(row.growth_bytes_per_day);
  return {
    instance: { id: row.instance_id, name: row.instance_name, db_type: row.db_type },
    database_name: row.database_name,
    size_bytes: toNumberOrNull(row.size_bytes),
    size_mb: bytesToMb(row.size_bytes),
    last_date: row.last_date,
    limit_bytes: toNumberOrNull(row.limit_bytes),
    limit_mb: bytesToMb(row.limit_bytes),
    limit_source: row.limit_source,
    configured_limit_bytes: toNumberOrNull(row.configured_limit_bytes),
    engine_limit_bytes: toNumberOrNull(row.engine_limit_bytes),
    used_percent: row.used_percent,
    points: row.points,
    growth_bytes_per_day: growth,
    growth_mb_per_day: bytesToMb(growth),
    days_to_full: row.days_to_full,
    days_to_full_early: row.days_to_full_early,
    days_to_full_late: row.days_to_full_late,
    full_date: row.full_date,
    status: row.status,
  };
}

function toDatabaseLimit(row: DatabaseLimitRow): DatabaseLimitResponse {
  return { instance_id: row.instance_id, database_name: row.database_name, limit_bytes: Number(row.limit_bytes), updated_at: row.updated_at.toISOString() };
}

const offsetOf = (query: PageQueryDto) => ({ limit: query.per_page, offset: (query.page - 1) * query.per_page });

/** GET /instances/:id/capacity, GET /fleet/capacity and the configured per-database limits. */
@Injectable()
export class CapacityService {
  constructor(
    private readonly repository: CapacityRepository,
    private readonly access: InstanceAccessService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async instanceCapacity(user: AuthUser, instanceId: number, query: InstanceCapacityQueryDto): Promise<InstanceCapacityResponse> {
    await this.access.assertReadable(user, instanceId);
    const points = this.config.forecastPoints;
    const [[instance], databases, total] = await Promise.all([
      this.repository.all({ instanceId, level: 'instance' }, points),
      this.repository.databases(instanceId, points, offsetOf(query)),
      this.repository.databaseCount(instanceId),
    ]);
    if (!instance) throw new NotFoundError(`instance ${instanceId} not found`);
    return { instance: toCapacityItem(instance), databases: databases.map(toCapacityItem), pagination: buildPagination(query.page, query.per_page, total) };
  }

  /** The instance row, then every database (CSV). */
  async *exportInstance(user: AuthUser, instanceId: number): AsyncGenerator<CapacityItemResponse> {
    await this.access.assertReadable(user, instanceId);
    const points = this.config.forecastPoints;
    for (const row of await this.repository.all({ instanceId, level: 'instance' }, points)) yield toCapacityItem(row);
    for (const row of await this.repository.databases(instanceId, points)) yield toCapacityItem(row);
  }

  async fleet(user: AuthUser, query: FleetCapacityQueryDto): Promise<Paginated<CapacityItemResponse>> {
    const { rows, total } = await this.repository.page(this.fleetFilter(user, query), this.config.forecastPoints, query.sort, offsetOf(query));
    return { data: rows.map(toCapacityItem), pagination: buildPagination(query.page, query.per_page, total) };
  }

  async *exportFleet(user: AuthUser, query: FleetCapacityQueryDto): AsyncGenerator<CapacityItemResponse> {
    for await (const row of this.repository.stream(this.fleetFilter(user, query), this.config.forecastPoints, query.sort)) yield toCapacityItem(row);
  }

  async setDatabaseLimit(user: AuthUser, instanceId: number, databaseName: string, limitBytes: number): Promise<DatabaseLimitResponse> {
    await this.access.assertReadable(user, instanceId);
    return toDatabaseLimit(await this.repository.setDatabaseLimit(instanceId, databaseName, limitBytes, user));
  }

  async removeDatabaseLimit(user: AuthUser, instanceId: number, databaseName: string): Promise<void> {
    await this.access.assertReadable(user, instanceId);
    if (!(await this.repository.removeDatabaseLimit(instanceId, databaseName, user))) {
      throw new NotFoundError(`database "${databaseName}" of instance ${instanceId} has no configured limit`);
    }
  }

  async limitChanges(user: AuthUser, instanceId: number, query: PageQueryDto): Promise<Paginated<LimitChangeResponse>> {
    await this.access.assertReadable(user, instanceId);
    const { rows, total } = await this.repository.limitChanges(instanceId, offsetOf(query));
    return {
      data: rows.map((row) => ({
        id: Number(row.id),
        instance_id: row.instance_id,
        database_name: row.database_name,
        old_limit_bytes: toNumberOrNull(row.old_limit_bytes),
        new_limit_bytes: toNumberOrNull(row.new_limit_bytes),
        changed_by: row.changed_by,
        changed_by_username: row.changed_by_username,
        changed_at: row.changed_at.toISOString(),
      })),
      pagination: buildPagination(query.page, query.per_page, total),
    };
  }

  private fleetFilter(user: AuthUser, query: FleetCapacityQueryDto): CapacityFilter {
    return { ownerId: this.access.ownerFilter(user), dbType: query.db_type, tag: query.tag, level: query.level };
  }
}
