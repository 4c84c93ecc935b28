import type { AlertDetailResponse, AlertResponse, AlertSummaryResponse, ListAlertsQueryDto, Paginated } from '@capacity/contracts';
import { Injectable, Logger } from '@nestjs/common';
import type { AuthUser } from '../auth/roles.decorator';
import { ConflictError, NotFoundError } from '../common/domain-errors';
import { buildPagination } from '../common/pagination';
import { InstanceAccessService } from '../instances/instance-access.service';
import { AlertClock } from './alert-clock';
import { AlertsRepository, type AlertFilter } from './alerts.repository';

/** The alert events as a user may see them: an admin every one, a viewer those of the instances it owns. */
@Injectable()
export class AlertsService {
  private readonly logger = new Logger(AlertsService.name);

  constructor(
    private readonly repository: AlertsRepository,
    private readonly access: InstanceAccessService,
    private readonly clock: AlertClock,
  ) {}

  async list(user: AuthUser, query: ListAlertsQueryDto): Promise<Paginated<AlertResponse>> {
    const { rows, total } = await this.repository.list(this.filter(user, query), query.per_page, (query.page - 1) * query.per_page);
    return { data: rows, pagination: buildPagination(query.page, query.per_page, total) };
  }

  /** Every event the list would page through (the CSV export). */
  export(user: AuthUser, query: ListAlertsQueryDto): AsyncGenerator<AlertResponse> {
    return this.repository.export(this.filter(user, query));
  }

  private filter(user: AuthUser, query: ListAlertsQueryDto): AlertFilter {
    return { state: query.state, severity: query.severity, instanceId: query.instance_id, ruleId: query.rule_id, ownerId: this.access.ownerFilter(user) };
  }

  async get(user: AuthUser, id: number): Promise<AlertDetailResponse> {
    const found = await this.repository.find(id);
    if (!found || !this.access.canRead(user, { ownerId: found.ownerId })) throw new NotFoundError(`alert ${id} not found`);
    const { ownerId: _ownerId, ...alert } = found;
    return { ...alert, history: await this.repository.history(id) };
  }

  /** Marks a firing event seen: no repeat notices until it resolves (the resolve notice still goes). Idempotent. */
  async acknowledge(user: AuthUser, id: number): Promise<AlertDetailResponse> {
    const alert = await this.get(user, id);
    if (alert.state === 'resolved') throw new ConflictError(`alert ${id} is resolved`);
    if (!alert.acknowledged_at && (await this.repository.acknowledge(id, user.id, this.clock.now()))) {
      this.logger.log(`alert ${id} acknowledged by ${user.username}`);
    }
    return this.get(user, id);
  }

  summary(user: AuthUser): Promise<AlertSummaryResponse> {
    return this.repository.summary(this.access.ownerFilter(user));
  }
}
