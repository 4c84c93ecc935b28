import { TestConnectionResponse } from '@capacity/contracts';
import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { ApiErrorResponses } from '../common/api-responses';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ApiInstanceIdParam } from '../instances/api-instance-id-param';
import { ConnectionTestService } from './connection-test.service';

@ApiTags('instances')
@ApiBearerAuth()
@Controller({ path: 'instances', version: '1' })
export class TestConnectionController {
  constructor(private readonly tester: ConnectionTestService) {}

  @Post(':id/test-connection')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Test an instance\'s connection (admin)',
    description:
      'Connects with the stored credentials and reports the outcome: ok with the latency and server version, or the kind of failure and its message. A failed connection is still a 200.',
  })
  @ApiInstanceIdParam()
  @ApiOkResponse({ type: TestConnectionResponse })
  @ApiErrorResponses(400, 401, 403, 404, 503)
  test(@Param('id', ParseIdPipe) id: number): Promise<TestConnectionResponse> {
    return this.tester.test(id);
  }
}
