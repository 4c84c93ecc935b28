import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, Max, Min, registerDecorator, ValidateIf, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { STATS_TABLES, type StatsTable } from '../common/constants';
import { IsNotNull, IsOptionalNonNull } from '../common/optional-non-null';
import { isYearMonth } from '../calendar/year-month';
import { MAX_FUTURE_MONTHS, MAX_RETENTION_MONTHS } from './partition.types';

const TABLE_MESSAGE = `table must be one of: ${STATS_TABLES.join(', ')}`;
const TABLE_DOC = { enum: STATS_TABLES, enumName: 'StatsTable' };

/** A month as `YYYY-MM`. */
export function IsYearMonth(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isYearMonth',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be a month as YYYY-MM (1970-01 to 2999-12)`, ...options },
      validator: { validate: (value: unknown) => isYearMonth(value) },
    });
}

/** Exactly one of this property and `other` must be given. */
function IsExclusiveWith(other: string, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isExclusiveWith',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [other],
      options: { message: `${String(propertyName)} and ${other} are exclusive: give exactly one`, ...options },
      validator: {
        validate: (value: unknown, args: ValidationArguments) => value === undefined || (args.object as Record<string, unknown>)[other] === undefined,
      },
    });
}

export class ListPartitionsQueryDto {
  @ApiPropertyOptional(TABLE_DOC)
  @IsOptionalNonNull() @IsIn(STATS_TABLES, { message: TABLE_MESSAGE })
  table?: StatsTable;
}

/** `{ month: "YYYY-MM" }` or `{ future_months: n }`, optionally for one `table` (default: every statistics table). */
export class CreatePartitionsDto {
  @ApiPropertyOptional({ type: String, pattern: '^\\d{4}-\\d{2}$', example: '2027-01', description: 'The month to create, YYYY-MM (exclusive with future_months)' })
  @ValidateIf((dto: CreatePartitionsDto) => dto.month !== undefined || dto.future_months === undefined)
  @IsNotNull()
  @IsExclusiveWith('future_months')
  @IsYearMonth({ message: 'month must be a month as YYYY-MM (1970-01 to 2999-12); give month or future_months' })
  month?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: MAX_FUTURE_MONTHS, description: 'Create the current month and this many after it' })
  @IsOptionalNonNull()
  @IsInt({ message: 'future_months must be an integer' })
  @Min(0, { message: 'future_months must not be negative' })
  @Max(MAX_FUTURE_MONTHS, { message: `future_months must be at most ${MAX_FUTURE_MONTHS}` })
  future_months?: number;

  @ApiPropertyOptional({ ...TABLE_DOC, description: 'Default: every statistics table' })
  @IsOptionalNonNull() @IsIn(STATS_TABLES, { message: TABLE_MESSAGE })
  table?: StatsTable;
}

export class CleanupPartitionsDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_RETENTION_MONTHS, description: 'Default: RETENTION_MONTHS' })
  @IsOptionalNonNull()
  @IsInt({ message: 'retention_months must be an integer' })
  @Min(1, { message: 'retention_months must be at least 1' })
  @Max(MAX_RETENTION_MONTHS, { message: `retention_months must be at most ${MAX_RETENTION_MONTHS}` })
  retention_months?: number;

  @ApiPropertyOptional({ type: Boolean, default: false, description: 'List what would go, drop nothing' })
  @IsOptionalNonNull() @IsBoolean({ message: 'dry_run must be a boolean' })
  dry_run?: boolean;

  @ApiPropertyOptional({ type: Boolean, default: false, description: 'With ARCHIVE_ENABLED=false: drop past-retention partitions without archiving them' })
  @IsOptionalNonNull() @IsBoolean({ message: 'drop_without_archive must be a boolean' })
  drop_without_archive?: boolean;
}
