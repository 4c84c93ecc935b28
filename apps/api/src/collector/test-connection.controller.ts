import type { TestConnectionResponse } from '@capacity/contracts';
import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ConnectionTestService } from './connection-test.service';

@ApiTags('instances')
@ApiBearerAuth()
@Controller({ path: 'instances', version: '1' })
export class TestConnectionController {
  constructor(private readonly tester: ConnectionTestService) {}

  @Post(':id/test-connection')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Connects to the instance with its stored credentials and reports the outcome' })
  @ApiOkResponse({ description: 'TestConnectionResponse: ok, latency_ms, server_version, or failure kind and message' })
  @ApiNotFoundResponse({ description: 'Unknown instance' })
  @ApiForbiddenResponse({ description: 'Admins only' })
  test(@Param('id', ParseIdPipe) id: number): Promise<TestConnectionResponse> {
    return this.tester.test(id);
  }
}
