import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class RunCollectionDto {
  @ApiPropertyOptional({ minimum: 1, description: 'Collect only this instance (active or not); all active instances when absent' })
  @IsOptional() @IsInt({ message: 'instance_id must be an integer' }) @Min(1, { message: 'instance_id must be a positive integer' })
  @Max(2_147_483_647, { message: 'instance_id must be a positive integer' })
  instance_id?: number;
}
