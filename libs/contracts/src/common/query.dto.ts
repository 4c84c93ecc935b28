import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { MAX_PAGE, MAX_PER_PAGE } from './constants';
import { IsOptionalNonNull } from './optional-non-null';
import { ToInteger } from './to-integer';

export class PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptionalNonNull() @ToInteger() @IsInt({ message: 'page must be an integer' })
  @Min(1, { message: `page must be between 1 and ${MAX_PAGE}` }) @Max(MAX_PAGE, { message: `page must be between 1 and ${MAX_PAGE}` })
  page = 1;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PER_PAGE, default: 20 })
  @IsOptionalNonNull() @ToInteger() @IsInt({ message: 'per_page must be an integer' })
  @Min(1, { message: `per_page must be between 1 and ${MAX_PER_PAGE}` }) @Max(MAX_PER_PAGE, { message: `per_page must be between 1 and ${MAX_PER_PAGE}` })
  per_page = 20;
}
