import { ApiProperty, ApiPropertyOptional, IntersectionType, PickType } from '@nestjs/swagger';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { FleetFilterQueryDto } from '../fleet/fleet.dto';
import { IsNotNull, IsOptionalNonNull } from '../common/optional-non-null';
import { PageQueryDto } from '../common/query.dto';
import { ResponseFormatQuery, type ResponseFormat } from '../common/response-format';
import {
  CAPACITY_LEVELS,
  CAPACITY_LIMIT_MAX_BYTES,
  CAPACITY_LIMIT_MIN_BYTES,
  CAPACITY_SORTS,
  DEFAULT_CAPACITY_SORT,
  type CapacityLevel,
  type CapacitySort,
} from './capacity.types';

const oneOf = (field: string, values: readonly string[]) => ({ message: `${field} must be one of: ${values.join(', ')}` });

/** The message of a limit out of range or not a whole number of bytes. */
export const limitBytesMessage = (field: string) => `${field} must be a whole number of bytes from ${CAPACITY_LIMIT_MIN_BYTES} to ${CAPACITY_LIMIT_MAX_BYTES}`;

/** The validators of a limit in bytes (a JSON integer, 1 to 2^53 − 1): each failure a 400 naming `field`. */
export function IsLimitBytes(field: string): PropertyDecorator {
  const decorators = [
    IsInt({ message: limitBytesMessage(field) }),
    Min(CAPACITY_LIMIT_MIN_BYTES, { message: limitBytesMessage(field) }),
    Max(CAPACITY_LIMIT_MAX_BYTES, { message: limitBytesMessage(field) }),
  ];
  return (target, propertyKey) => {
    for (const decorate of decorators) decorate(target, propertyKey);
  };
}

/** PUT /instances/:id/databases/:name/limit */
export class SetDatabaseLimitDto {
  @ApiProperty({ type: 'integer', minimum: CAPACITY_LIMIT_MIN_BYTES, maximum: CAPACITY_LIMIT_MAX_BYTES, description: 'The limit of the database in bytes', example: 107374182400 })
  @IsNotNull() @IsLimitBytes('limit_bytes')
  limit_bytes!: number;
}

/** GET /instances/:id/capacity: one page of the databases; CSV has them all. */
export class InstanceCapacityQueryDto extends PageQueryDto {
  @ResponseFormatQuery()
  format?: ResponseFormat;
}

/** GET /fleet/capacity: the fleet filters by engine and tag (a viewer's own instances are the outer bound). */
export class FleetCapacityQueryDto extends IntersectionType(PageQueryDto, PickType(FleetFilterQueryDto, ['db_type', 'tag'] as const)) {
  @ApiPropertyOptional({ enum: CAPACITY_LEVELS, enumName: 'CapacityLevel', default: 'database', description: 'Rows per database, or per instance' })
  @IsOptionalNonNull() @IsIn(CAPACITY_LEVELS, oneOf('level', CAPACITY_LEVELS))
  level: CapacityLevel = 'database';

  @ApiPropertyOptional({
    enum: CAPACITY_SORTS,
    enumName: 'CapacitySort',
    default: DEFAULT_CAPACITY_SORT,
    description: 'days_to_full: which fills first; `-` first for descending. Nulls (no forecast, no limit) last either way; ties by instance id, then database name',
  })
  @IsOptionalNonNull() @IsIn(CAPACITY_SORTS, oneOf('sort', CAPACITY_SORTS))
  sort: CapacitySort = DEFAULT_CAPACITY_SORT;

  @ResponseFormatQuery()
  format?: ResponseFormat;
}
