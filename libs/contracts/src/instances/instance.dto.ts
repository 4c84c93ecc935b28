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
import { DB_TYPES, INT4_MAX, MAX_PER_PAGE, type DbType } from '../common/constants';
import { IsNotNull, IsOptionalNonNull } from '../common/optional-non-null';
import { PageQueryDto } from '../common/query.dto';
import { ToInteger } from '../common/to-integer';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateInstanceDto {
  @ApiProperty({ maxLength: 128, example: 'orders-primary' })
  @Transform(trim) @IsNotNull() @IsString() @IsNotEmpty({ message: 'name must not be empty' }) @MaxLength(128)
  name!: string;

  @ApiProperty({ enum: DB_TYPES })
  @IsNotNull() @IsIn(DB_TYPES, { message: `db_type must be one of: ${DB_TYPES.join(', ')}` })
  db_type!: DbType;

  @ApiProperty({ maxLength: 255, example: 'db1.internal' })
  @Transform(trim) @IsNotNull() @IsString() @IsNotEmpty({ message: 'host must not be empty' }) @MaxLength(255)
  @Matches(/^[A-Za-z0-9._:\-[\]]+$/, { message: 'host must be a host name or IP address' })
  host!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 65535, description: 'Defaults to the engine port' })
  @IsOptionalNonNull() @IsInt({ message: 'port must be an integer' })
  @Min(1, { message: 'port must be between 1 and 65535' }) @Max(65535, { message: 'port must be between 1 and 65535' })
  port?: number;

  @ApiProperty({ maxLength: 128 })
  @IsNotNull() @IsString() @IsNotEmpty({ message: 'username must not be empty' }) @MaxLength(128)
  username!: string;

  @ApiPropertyOptional({ writeOnly: true, maxLength: 512, nullable: true, description: 'Stored encrypted; never returned. null or "" removes it' })
  @IsOptional() @IsString() @MaxLength(512)
  password?: string | null;

  @ApiPropertyOptional({ maxLength: 255, nullable: true, description: 'Database (PostgreSQL), service name (Oracle)' })
  @IsOptional() @IsString() @MaxLength(255)
  database_name?: string | null;

  @ApiPropertyOptional({ default: true })
  @IsOptionalNonNull() @IsBoolean({ message: 'is_active must be a boolean' })
  is_active?: boolean;

  @ApiPropertyOptional({ type: [String] })
  @IsOptionalNonNull() @IsArray({ message: 'tags must be an array of strings' }) @ArrayMaxSize(32) @IsString({ each: true }) @MaxLength(64, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: INT4_MAX, nullable: true, description: 'User id of the owner (a viewer sees only what it owns); null: no owner' })
  @IsOptional() @IsInt({ message: 'owner_id must be an integer' })
  @Min(1, { message: 'owner_id must be a user id (1 to 2147483647)' }) @Max(INT4_MAX, { message: 'owner_id must be a user id (1 to 2147483647)' })
  owner_id?: number | null;

  @ApiPropertyOptional({ maxLength: 1000, nullable: true })
  @IsOptional() @IsString() @MaxLength(1000)
  description?: string | null;
}

/** Every field optional; `null` only where the column is nullable (password, database_name, owner_id, description). */
export class UpdateInstanceDto extends PartialType(CreateInstanceDto, { skipNullProperties: false }) {}

export class ListInstancesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DB_TYPES })
  @IsOptionalNonNull() @IsIn(DB_TYPES, { message: `db_type must be one of: ${DB_TYPES.join(', ')}` })
  db_type?: DbType;

  @ApiPropertyOptional({ description: 'Substring of the name' })
  @IsOptionalNonNull() @IsString({ message: 'search must be a string' }) @MaxLength(128)
  search?: string;

  @ApiPropertyOptional()
  @IsOptionalNonNull() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'is_active must be true or false' })
  is_active?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PER_PAGE, default: 100 })
  @IsOptionalNonNull() @ToInteger() @IsInt({ message: 'per_page must be an integer' })
  @Min(1, { message: `per_page must be between 1 and ${MAX_PER_PAGE}` }) @Max(MAX_PER_PAGE, { message: `per_page must be between 1 and ${MAX_PER_PAGE}` })
  override per_page = 100;
}
