import { TableGrowthQueryDto, TableGrowthResponse, TopTablesQueryDto, TopTablesResponse } from '@capacity/contracts';
import { applyDecorators, Controller, Get, Param, Query, type Type } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../auth/roles.decorator';
import { ApiErrorResponses } from '../common/api-responses';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { DatabaseNamePipe, MAX_DATABASE_NAME_LENGTH } from './database-name.pipe';
import { TablesService } from './tables.service';

const INSTANCE_ID = { name: 'id', type: 'integer', description: 'Instance id' } as const;
const DATABASE_NAME = { name: 'name', type: 'string', description: `Database name as collected (URL-encoded), 1 to ${MAX_DATABASE_NAME_LENGTH} characters` } as const;

/** The documentation of an operation on one database of an instance: its params, its answer, its errors. */
function ApiDatabaseTablesOperation(answer: Type<unknown>, summary: string, description: string): MethodDecorator {
  return applyDecorators(
    ApiOperation({ summary, description }),
    ApiParam(INSTANCE_ID),
    ApiParam(DATABASE_NAME),
    ApiOkResponse({ type: answer }),
    ApiErrorResponses(400, 401, 403, 404, 503),
  );
}

@ApiTags('tables')
@ApiBearerAuth()
@Controller('instances')
export class TablesController {
  constructor(private readonly tables: TablesService) {}

  @Get(':id/databases/:name/tables')
  @ApiDatabaseTablesOperation(
    TopTablesResponse,
    'The largest tables of a database on one day',
    'The 20 largest tables of the database as collected that day (default: the latest day with readings), largest first: total, data, index and TOAST/LOB bytes, partitions rolled up to their table. An empty list with collected_date null when the database has no table readings. A viewer sees its own instances only.',
  )
  topTables(
    @Param('id', ParseIdPipe) id: number,
    @Param('name', DatabaseNamePipe) name: string,
    @Query() query: TopTablesQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<TopTablesResponse> {
    return this.tables.topTables(user, id, name, query);
  }

  @Get(':id/databases/:name/tables/growth')
  @ApiDatabaseTablesOperation(
    TableGrowthResponse,
    'The fastest-growing tables of a database over a window',
    'Each table of the latest day with readings against its first reading inside the last window_days days (default 30): size then and now, change in bytes and percent, fastest first. A table without an earlier reading in the window (new among the largest) is left out. A viewer sees its own instances only.',
  )
  growth(
    @Param('id', ParseIdPipe) id: number,
    @Param('name', DatabaseNamePipe) name: string,
    @Query() query: TableGrowthQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<TableGrowthResponse> {
    return this.tables.growth(user, id, name, query);
  }
}
