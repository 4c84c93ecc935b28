import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { INT4_MAX } from '../common/constants';
import { IsOptionalNonNull } from '../common/optional-non-null';

export class RunCollectionDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: INT4_MAX, description: 'Collect only this instance (active or not); all active instances when absent' })
  @IsOptionalNonNull() @IsInt({ message: 'instance_id must be an integer' }) @Min(1, { message: 'instance_id must be a positive integer' })
  @Max(INT4_MAX, { message: 'instance_id must be a positive integer' })
  instance_id?: number;
}
