import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { SESSION_CATEGORIES, SESSION_STATUSES, type SessionCategory, type SessionStatus } from '../common/constants';
import { IsOptionalNonNull } from '../common/optional-non-null';
import { PageQueryDto } from '../common/query.dto';

export class ListSessionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: SESSION_CATEGORIES, enumName: 'SessionCategory' })
  @IsOptionalNonNull() @IsIn(SESSION_CATEGORIES, { message: `category must be one of: ${SESSION_CATEGORIES.join(', ')}` })
  category?: SessionCategory;

  @ApiPropertyOptional({ enum: SESSION_STATUSES, enumName: 'SessionStatus' })
  @IsOptionalNonNull() @IsIn(SESSION_STATUSES, { message: `status must be one of: ${SESSION_STATUSES.join(', ')}` })
  status?: SessionStatus;
}
