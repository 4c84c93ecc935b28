import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
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
import { DB_TYPES, type DbType } from '../common/constants';
import { PageQueryDto } from '../common/query.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateInstanceDto {
  @ApiProperty({ maxLength: 128, example: 'orders-primary' })
  @Transform(trim) @IsString() @IsNotEmpty({ message: 'name must not be empty' }) @MaxLength(128)
  name!: string;

  @ApiProperty({ enum: DB_TYPES })
  @IsIn(DB_TYPES, { message: `db_type must be one of: ${DB_TYPES.join(', ')}` })
  db_type!: DbType;

  @ApiProperty({ maxLength: 255, example: 'db1.internal' })
  @Transform(trim) @IsString() @IsNotEmpty({ message: 'host must not be empty' }) @MaxLength(255)
  @Matches(/^[A-Za-z0-9._:\-[\]]+$/, { message: 'host must be a host name or IP address' })
  host!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 65535, description: 'Defaults to the engine port' })
  @IsOptional() @IsInt({ message: 'port must be an integer' }) @Min(1) @Max(65535, { message: 'port must be between 1 and 65535' })
  port?: number;

  @ApiProperty({ maxLength: 128 })
  @IsString() @IsNotEmpty({ message: 'username must not be empty' }) @MaxLength(128)
  username!: string;

  @ApiPropertyOptional({ writeOnly: true, maxLength: 512, description: 'Stored encrypted; never returned' })
  @IsOptional() @IsString() @MaxLength(512)
  password?: string;

  @ApiPropertyOptional({ maxLength: 255, description: 'Database (PostgreSQL), service name (Oracle)' })
  @IsOptional() @IsString() @MaxLength(255)
  database_name?: string | null;

  @ApiPropertyOptional({ default: true })
  @IsOptional() @IsBoolean()
  is_active?: boolean;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional() @IsArray() @ArrayMaxSize(32) @IsString({ each: true }) @MaxLength(64, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ description: 'User id of the owner (a viewer sees only what it owns)' })
  @IsOptional() @IsInt() @Min(1)
  owner_id?: number | null;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional() @IsString() @MaxLength(1000)
  description?: string | null;
}

export class UpdateInstanceDto extends PartialType(CreateInstanceDto) {}

export class ListInstancesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DB_TYPES })
  @IsOptional() @IsIn(DB_TYPES, { message: `db_type must be one of: ${DB_TYPES.join(', ')}` })
  db_type?: DbType;

  @ApiPropertyOptional({ description: 'Substring of the name' })
  @IsOptional() @IsString() @MaxLength(128)
  search?: string;

  @ApiPropertyOptional()
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  is_active?: boolean;

  @ApiPropertyOptional({ default: 100 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  override per_page = 100;
}
