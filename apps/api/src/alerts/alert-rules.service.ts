import {
  DEFAULT_REPEAT_INTERVAL_MINUTES,
  type AlertRuleResponse,
  type CreateAlertRuleDto,
  type UpdateAlertRuleDto,
} from '@capacity/contracts';
import { Injectable, Logger } from '@nestjs/common';
import { ConflictError, NotFoundError } from '../common/domain-errors';
import type { InputProblem } from '../common/input-checks';
import { badInput } from '../common/validation';
import { AlertClock } from './alert-clock';
import { checkRule, type RuleDraft, type RuleParams, type RuleScope } from './alert-rule-check';
import { AlertRulesRepository, type AlertRuleColumns, type AlertRuleRow } from './alert-rules.repository';

export function toRuleResponse(row: AlertRuleRow): AlertRuleResponse {
  const params: RuleParams = row.params;
  return {
    id: row.id,
    name: row.name,
    enabled: row.enabled,
    type: row.rule_type,
    level: row.level,
    params: {
      bytes: params.bytes ?? null,
      percent: params.percent ?? null,
      days: params.days ?? null,
      match: params.match ?? null,
      direction: params.direction ?? null,
      runs: params.runs ?? null,
    },
    scope: {
      type: row.scope_type,
      tag: row.scope_tag,
      db_type: row.scope_db_type,
      instance_id: row.scope_instance_id,
      database_name: row.scope_database_name,
    },
    severity: row.severity,
    repeat_interval_minutes: row.repeat_interval_minutes,
    channel_ids: row.channel_ids,
    is_default: row.is_default,
    firing_count: row.firing_count,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

function storedScope(row: AlertRuleRow): RuleScope {
  return { type: row.scope_type, tag: row.scope_tag, db_type: row.scope_db_type, instance_id: row.scope_instance_id, database_name: row.scope_database_name };
}

/** Admin CRUD of the alert rules (README "Alert rules"). */
@Injectable()
export class AlertRulesService {
  private readonly logger = new Logger(AlertRulesService.name);

  constructor(
    private readonly repository: AlertRulesRepository,
    private readonly clock: AlertClock,
  ) {}

  async list(): Promise<AlertRuleResponse[]> {
    return (await this.repository.list()).map(toRuleResponse);
  }

  async get(id: number): Promise<AlertRuleResponse> {
    return toRuleResponse(await this.existing(id));
  }

  async create(dto: CreateAlertRuleDto): Promise<AlertRuleResponse> {
    const channelIds = dto.channel_ids ?? [];
    const draft: RuleDraft = {
      type: dto.type,
      level: dto.level,
      params: { ...dto.params },
      scope: { ...(dto.scope ?? { type: 'all' }) },
      enabled: dto.enabled ?? true,
      channelIds,
    };
    const columns = await this.columnsOf(draft, dto.name, dto.severity ?? 'warning', dto.repeat_interval_minutes, undefined);
    const id = await this.repository.insert(columns, [...new Set(channelIds)]);
    this.logger.log(`created alert rule ${id} "${columns.name}" (${columns.rule_type})`);
    return this.get(id);
  }

  async update(id: number, dto: UpdateAlertRuleDto): Promise<AlertRuleResponse> {
    const row = await this.existing(id);
    const channelIds = dto.channel_ids ?? row.channel_ids;
    const draft: RuleDraft = {
      type: dto.type ?? row.rule_type,
      level: dto.level ?? (dto.type === undefined || dto.type === row.rule_type ? row.level : undefined),
      params: { ...(dto.params ?? row.params) },
      scope: { ...(dto.scope ?? storedScope(row)) },
      enabled: dto.enabled ?? row.enabled,
      channelIds,
    };
    const repeat = dto.repeat_interval_minutes === undefined ? row.repeat_interval_minutes : dto.repeat_interval_minutes;
    const columns = await this.columnsOf(draft, dto.name ?? row.name, dto.severity ?? row.severity, repeat, id);
    await this.repository.update(id, columns, dto.channel_ids && [...new Set(dto.channel_ids)], this.clock.now());
    this.logger.log(`updated alert rule ${id} "${columns.name}"`);
    return this.get(id);
  }

  async remove(id: number): Promise<void> {
    if (!(await this.repository.remove(id))) throw new NotFoundError(`alert rule ${id} not found`);
    this.logger.log(`removed alert rule ${id} with its events`);
  }

  private async existing(id: number): Promise<AlertRuleRow> {
    const row = await this.repository.find(id);
    if (!row) throw new NotFoundError(`alert rule ${id} not found`);
    return row;
  }

  /** The checked columns of a write: a 400 naming every field at fault, 409 for a name in use. */
  private async columnsOf(
    draft: RuleDraft,
    name: string,
    severity: AlertRuleColumns['severity'],
    repeat: number | null | undefined,
    exceptId: number | undefined,
  ): Promise<AlertRuleColumns> {
    const checked = checkRule(draft);
    const problems: InputProblem[] = [...checked.problems];
    const unknown = await this.repository.unknownChannels(draft.channelIds);
    if (unknown.length > 0) problems.push({ field: 'channel_ids', message: `channel_ids: no notification channel ${unknown.join(', ')}` });
    const instanceId = draft.scope.instance_id;
    if (checked.rule && instanceId && !(await this.repository.instanceExists(instanceId))) {
      problems.push({ field: 'scope.instance_id', message: `scope.instance_id: no instance ${instanceId}` });
    }
    if (problems.length > 0 || !checked.rule) throw badInput(problems);
    if (await this.repository.nameTaken(name, exceptId)) throw new ConflictError(`an alert rule named "${name}" exists`, 'name');
    const { level, params, scope } = checked.rule;
    return {
      name,
      enabled: draft.enabled,
      rule_type: draft.type,
      level,
      params,
      scope_type: scope.type,
      scope_tag: scope.tag,
      scope_db_type: scope.db_type,
      scope_instance_id: scope.instance_id,
      scope_database_name: scope.database_name,
      severity,
      repeat_interval_minutes: repeat === undefined ? DEFAULT_REPEAT_INTERVAL_MINUTES : repeat,
    };
  }
}
