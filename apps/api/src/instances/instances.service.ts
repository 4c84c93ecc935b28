import { DEFAULT_PORTS, type InstanceResponse, type Paginated } from '@capacity/contracts';
import { CreateInstanceDto, ListInstancesQueryDto, UpdateInstanceDto } from '@capacity/contracts';
import { Injectable, Logger } from '@nestjs/common';
import type { AuthUser } from '../auth/roles.decorator';
import { CredentialCipher } from '../common/credential-cipher';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/domain-errors';
import { isoOrNull } from '../common/iso-timestamp';
import { buildPagination } from '../common/pagination';
import { bytesToMb, toNumberOrNull } from '../common/units';
import { InstanceAccessService } from './instance-access.service';
import { type InstanceListFilter, InstanceListRepository, type InstanceRow } from './instance-list.repository';
import { type InstanceColumns, InstancesRepository } from './instances.repository';

export function toInstanceResponse(row: InstanceRow): InstanceResponse {
  return {
    id: row.id,
    name: row.name,
    db_type: row.db_type,
    host: row.host,
    port: row.port,
    username: row.username,
    database_name: row.database_name,
    is_active: row.is_active,
    tags: row.tags ?? [],
    zone: row.zone,
    owner_id: row.owner_id,
    description: row.description,
    has_password: row.has_password,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    latest_total_size_bytes: toNumberOrNull(row.latest_total_size_bytes),
    latest_total_size_mb: bytesToMb(row.latest_total_size_bytes),
    growth_7d_bytes: toNumberOrNull(row.growth_7d_bytes),
    growth_7d_percent: toNumberOrNull(row.growth_7d_percent),
    growth_30d_bytes: toNumberOrNull(row.growth_30d_bytes),
    growth_30d_percent: toNumberOrNull(row.growth_30d_percent),
    database_count: row.database_count,
    last_collected_at: isoOrNull(row.last_collected_at),
    last_collection_status: row.last_collection_status,
    capacity_limit_bytes: toNumberOrNull(row.capacity_limit_bytes),
  };
}

const UNIQUE_VIOLATION = '23505';

/** The instance registry: CRUD with the password encrypted on the way in and never out. */
@Injectable()
export class InstancesService {
  private readonly logger = new Logger(InstancesService.name);

  constructor(
    private readonly repository: InstancesRepository,
    private readonly listRepository: InstanceListRepository,
    private readonly access: InstanceAccessService,
    private readonly cipher: CredentialCipher,
  ) {}

  async list(user: AuthUser, query: ListInstancesQueryDto): Promise<Paginated<InstanceResponse>> {
    const { rows, total } = await this.listRepository.page(this.listFilter(user, query), query.sort, {
      limit: query.per_page,
      offset: (query.page - 1) * query.per_page,
    });
    return { data: rows.map(toInstanceResponse), pagination: buildPagination(query.page, query.per_page, total) };
  }

  /** Every instance of the list (its filters and sort, no page), one at a time. */
  async *export(user: AuthUser, query: ListInstancesQueryDto): AsyncGenerator<InstanceResponse> {
    for await (const row of this.listRepository.stream(this.listFilter(user, query), query.sort)) yield toInstanceResponse(row);
  }

  async get(user: AuthUser, id: number): Promise<InstanceResponse> {
    await this.access.assertReadable(user, id);
    return this.getRow(id);
  }

  async create(dto: CreateInstanceDto, user: AuthUser): Promise<InstanceResponse> {
    await this.assertNameFree(dto.name);
    if (dto.owner_id) await this.assertOwnerExists(dto.owner_id);
    const id = await this.writeUnique(dto.name, () =>
      this.repository.insert({
        ...this.columns(dto),
        port: dto.port ?? DEFAULT_PORTS[dto.db_type],
      }),
    );
    await this.repository.recordLimitChange({ instanceId: id, databaseName: null, oldBytes: null, newBytes: dto.capacity_limit_bytes ?? null }, user);
    this.logger.log(`created instance ${dto.name} (${dto.db_type} ${dto.host}, id ${id})`);
    return this.getRow(id);
  }

  async update(id: number, dto: UpdateInstanceDto, user: AuthUser): Promise<InstanceResponse> {
    const current = await this.repository.findEntity(id);
    if (!current) throw new NotFoundError(`instance ${id} not found`);
    if (dto.name !== undefined && dto.name !== current.name) await this.assertNameFree(dto.name, id);
    if (dto.owner_id) await this.assertOwnerExists(dto.owner_id);
    const columns = this.columns(dto);
    // A new engine without a port moves to the new engine's default port.
    if (dto.db_type && dto.port === undefined && dto.db_type !== current.dbType && current.port === DEFAULT_PORTS[current.dbType]) {
      columns.port = DEFAULT_PORTS[dto.db_type];
    }
    const found = await this.writeUnique(dto.name ?? current.name, () => this.repository.update(id, columns));
    if (!found) throw new NotFoundError(`instance ${id} not found`);
    if (dto.capacity_limit_bytes !== undefined) {
      const oldBytes = toNumberOrNull(current.capacityLimitBytes);
      await this.repository.recordLimitChange({ instanceId: id, databaseName: null, oldBytes, newBytes: dto.capacity_limit_bytes }, user);
    }
    this.logger.log(`updated instance ${dto.name ?? current.name} (id ${id}: ${Object.keys(dto).map((key) => (key === 'password' ? 'password' : key)).join(', ')})`);
    return this.getRow(id);
  }

  async remove(id: number): Promise<void> {
    const current = await this.repository.findEntity(id);
    if (!current || !(await this.repository.delete(id))) throw new NotFoundError(`instance ${id} not found`);
    this.logger.log(`deleted instance ${current.name} (id ${id}) with its statistics`);
  }

  private listFilter(user: AuthUser, query: ListInstancesQueryDto): InstanceListFilter {
    return {
      ownerId: this.access.ownerFilter(user),
      dbType: query.db_type,
      search: query.search,
      isActive: query.is_active,
      tag: query.tag,
      zone: query.zone,
      status: query.status,
    };
  }

  private async getRow(id: number): Promise<InstanceResponse> {
    const row = await this.repository.findRow(id);
    if (!row) throw new NotFoundError(`instance ${id} not found`);
    return toInstanceResponse(row);
  }

  /** DTO → columns; the password only as ciphertext (null or '' clears it). */
  private columns(dto: UpdateInstanceDto): InstanceColumns {
    const columns: InstanceColumns = {
      name: dto.name,
      db_type: dto.db_type,
      host: dto.host,
      port: dto.port,
      username: dto.username,
      database_name: dto.database_name === '' ? null : dto.database_name,
      is_active: dto.is_active,
      tags: dto.tags,
      owner_id: dto.owner_id,
      description: dto.description,
      capacity_limit_bytes: dto.capacity_limit_bytes,
      zone: dto.zone,
    };
    if (dto.password !== undefined) columns.password_encrypted = dto.password ? this.cipher.encrypt(dto.password) : null;
    return columns;
  }

  private async assertNameFree(name: string, exceptId?: number): Promise<void> {
    if (await this.repository.nameTaken(name, exceptId)) throw new ConflictError(`an instance named "${name}" already exists`, 'name');
  }

  private async assertOwnerExists(ownerId: number): Promise<void> {
    if (!(await this.repository.userExists(ownerId))) throw new InvalidInputError(`owner_id ${ownerId} is not an existing user`, 'owner_id');
  }

  /** The unique index settles a race the pre-check lost: still a 409, never a 500. */
  private async writeUnique<T>(name: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION || (error as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) {
        throw new ConflictError(`an instance named "${name}" already exists`, 'name');
      }
      throw error;
    }
  }
}
