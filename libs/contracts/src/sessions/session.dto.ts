import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { SESSION_CATEGORIES, SESSION_STATUSES, type SessionCategory, type SessionStatus } from '../common/constants';
import { PageQueryDto } from '../common/query.dto';

export class ListSessionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: SESSION_CATEGORIES })
  @IsOptional() @IsIn(SESSION_CATEGORIES, { message: `category must be one of: ${SESSION_CATEGORIES.join(', ')}` })
  category?: SessionCategory;

  @ApiPropertyOptional({ enum: SESSION_STATUSES })
  @IsOptional() @IsIn(SESSION_STATUSES, { message: `status must be one of: ${SESSION_STATUSES.join(', ')}` })
  status?: SessionStatus;
}
