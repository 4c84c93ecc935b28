import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsLimitBytes } from '../capacity/capacity.dto';
import { CAPACITY_LIMIT_MAX_BYTES, CAPACITY_LIMIT_MIN_BYTES } from '../capacity/capacity.types';
import { DEFAULT_ZONE, ZONE_MAX_LENGTH, ZONE_PATTERN } from '../collectors/collector.types';
import { DB_TYPES, INT4_MAX, MAX_PER_PAGE, type DbType } from '../common/constants';
import { IsNotNull, IsOptionalNonNull } from '../common/optional-non-null';
import { PageQueryDto } from '../common/query.dto';
import { ResponseFormatQuery, type ResponseFormat } from '../common/response-format';
import { ToInteger } from '../common/to-integer';
import { INSTANCE_LIMITS as LIMITS } from './instance-limits';
import {
  DEFAULT_INSTANCE_SORT,
  INSTANCE_SORTS,
  INSTANCE_STATUS_FILTERS,
  type InstanceSort,
  type InstanceStatusFilter,
} from './instance.types';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const DB_TYPE_MESSAGE = `db_type must be one of: ${DB_TYPES.join(', ')}`;
const PORT_MESSAGE = `port must be between ${LIMITS.port.minimum} and ${LIMITS.port.maximum}`;
const OWNER_MESSAGE = `owner_id must be a user id (1 to ${INT4_MAX})`;
const ZONE_MESSAGE = 'zone must be lower-case letters, digits, _ and - (starting with a letter or digit)';

export class CreateInstanceDto {
  @ApiProperty({ type: 'string', minLength: 1, maxLength: LIMITS.name.maxLength, example: 'orders-primary' })
  @Transform(trim) @IsNotNull() @IsString() @IsNotEmpty({ message: 'name must not be empty' }) @MaxLength(LIMITS.name.maxLength)
  name!: string;

  @ApiProperty({ enum: DB_TYPES, enumName: 'DbType' })
  @IsNotNull() @IsIn(DB_TYPES, { message: DB_TYPE_MESSAGE })
  db_type!: DbType;

  @ApiProperty({ type: 'string', minLength: 1, maxLength: LIMITS.host.maxLength, pattern: LIMITS.host.pattern.source, example: 'db1.internal' })
  @Transform(trim) @IsNotNull() @IsString() @IsNotEmpty({ message: 'host must not be empty' }) @MaxLength(LIMITS.host.maxLength)
  @Matches(LIMITS.host.pattern, { message: 'host must be a host name or IP address' })
  host!: string;

  @ApiPropertyOptional({ type: 'integer', minimum: LIMITS.port.minimum, maximum: LIMITS.port.maximum, description: 'Defaults to the engine port' })
  @IsOptionalNonNull() @IsInt({ message: 'port must be an integer' })
  @Min(LIMITS.port.minimum, { message: PORT_MESSAGE }) @Max(LIMITS.port.maximum, { message: PORT_MESSAGE })
  port?: number;

  @ApiProperty({ type: 'string', minLength: 1, maxLength: LIMITS.username.maxLength })
  @IsNotNull() @IsString() @IsNotEmpty({ message: 'username must not be empty' }) @MaxLength(LIMITS.username.maxLength)
  username!: string;

  @ApiPropertyOptional({
    type: 'string',
    writeOnly: true,
    maxLength: LIMITS.password.maxLength,
    nullable: true,
    description: 'Stored encrypted; never returned. null or "" removes it',
  })
  @IsOptional() @IsString() @MaxLength(LIMITS.password.maxLength)
  password?: string | null;

  @ApiPropertyOptional({ type: 'string', maxLength: LIMITS.database_name.maxLength, nullable: true, description: 'Database (PostgreSQL), service name (Oracle)' })
  @IsOptional() @IsString() @MaxLength(LIMITS.database_name.maxLength)
  database_name?: string | null;

  @ApiPropertyOptional({ type: 'boolean', default: true })
  @IsOptionalNonNull() @IsBoolean({ message: 'is_active must be a boolean' })
  is_active?: boolean;

  @ApiPropertyOptional({ type: 'array', items: { type: 'string', maxLength: LIMITS.tags.itemMaxLength }, maxItems: LIMITS.tags.maxItems })
  @IsOptionalNonNull() @IsArray({ message: 'tags must be an array of strings' }) @ArrayMaxSize(LIMITS.tags.maxItems)
  @IsString({ each: true }) @MaxLength(LIMITS.tags.itemMaxLength, { each: true })
  tags?: string[];

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: INT4_MAX,
    nullable: true,
    description: 'User id of the owner (a viewer sees only what it owns); null: no owner',
  })
  @IsOptional() @IsInt({ message: 'owner_id must be an integer' }) @Min(1, { message: OWNER_MESSAGE }) @Max(INT4_MAX, { message: OWNER_MESSAGE })
  owner_id?: number | null;

  @ApiPropertyOptional({ type: 'string', maxLength: LIMITS.description.maxLength, nullable: true })
  @IsOptional() @IsString() @MaxLength(LIMITS.description.maxLength)
  description?: string | null;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: CAPACITY_LIMIT_MIN_BYTES,
    maximum: CAPACITY_LIMIT_MAX_BYTES,
    nullable: true,
    description: 'What the instance can grow to in bytes (its disk or quota), for the forecast to the limit; null: none (the engine-reported limit, if any, applies). Every change is audited',
  })
  @IsOptional() @IsLimitBytes('capacity_limit_bytes')
  capacity_limit_bytes?: number | null;

  @ApiPropertyOptional({
    type: 'string',
    maxLength: ZONE_MAX_LENGTH,
    pattern: ZONE_PATTERN.source,
    default: DEFAULT_ZONE,
    description: 'The network zone the instance is reachable from: only collectors started with this zone in COLLECTOR_ZONES collect it',
  })
  @Transform(trim) @IsOptionalNonNull() @IsString({ message: ZONE_MESSAGE }) @MaxLength(ZONE_MAX_LENGTH) @Matches(ZONE_PATTERN, { message: ZONE_MESSAGE })
  zone?: string;
}

/** Every field optional; `null` only where the column is nullable (password, database_name, owner_id, description, capacity_limit_bytes). */
export class UpdateInstanceDto extends PartialType(CreateInstanceDto, { skipNullProperties: false }) {}

export class ListInstancesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DB_TYPES, enumName: 'DbType' })
  @IsOptionalNonNull() @IsIn(DB_TYPES, { message: DB_TYPE_MESSAGE })
  db_type?: DbType;

  @ApiPropertyOptional({ type: 'string', maxLength: LIMITS.name.maxLength, description: 'Case-insensitive substring of the name or the host' })
  @IsOptionalNonNull() @IsString({ message: 'search must be a string' }) @MaxLength(LIMITS.name.maxLength)
  search?: string;

  @ApiPropertyOptional({ type: 'boolean' })
  @IsOptionalNonNull() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'is_active must be true or false' })
  is_active?: boolean;

  @ApiPropertyOptional({ type: 'string', maxLength: LIMITS.tags.itemMaxLength, description: 'Only instances with this tag (exact)' })
  @IsOptionalNonNull() @IsString({ message: 'tag must be a string' }) @MaxLength(LIMITS.tags.itemMaxLength)
  tag?: string;

  @ApiPropertyOptional({ type: 'string', maxLength: ZONE_MAX_LENGTH, pattern: ZONE_PATTERN.source, description: 'Only instances of this zone' })
  @IsOptionalNonNull() @IsString({ message: ZONE_MESSAGE }) @MaxLength(ZONE_MAX_LENGTH) @Matches(ZONE_PATTERN, { message: ZONE_MESSAGE })
  zone?: string;

  @ApiPropertyOptional({
    enum: INSTANCE_STATUS_FILTERS,
    enumName: 'InstanceStatusFilter',
    description: 'The outcome of the latest collection: completed, failed, or never collected',
  })
  @IsOptionalNonNull() @IsIn(INSTANCE_STATUS_FILTERS, { message: `status must be one of: ${INSTANCE_STATUS_FILTERS.join(', ')}` })
  status?: InstanceStatusFilter;

  @ApiPropertyOptional({
    enum: INSTANCE_SORTS,
    enumName: 'InstanceSort',
    default: DEFAULT_INSTANCE_SORT,
    description:
      'The column to sort by, `-` first for descending: size is the latest total, growth_* the change of the latest total over 7 or 30 days. Nulls (no reading yet) last either way; ties by id',
  })
  @IsOptionalNonNull() @IsIn(INSTANCE_SORTS, { message: `sort must be one of: ${INSTANCE_SORTS.join(', ')}` })
  sort: InstanceSort = DEFAULT_INSTANCE_SORT;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PER_PAGE, default: 100 })
  @IsOptionalNonNull() @ToInteger() @IsInt({ message: 'per_page must be an integer' })
  @Min(1, { message: `per_page must be between 1 and ${MAX_PER_PAGE}` }) @Max(MAX_PER_PAGE, { message: `per_page must be between 1 and ${MAX_PER_PAGE}` })
  override per_page = 100;

  @ResponseFormatQuery()
  format?: ResponseFormat;
}
