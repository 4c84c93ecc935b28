import type { RunAcceptedResponse } from '@capacity/contracts';
import { RunCollectionDto } from '@capacity/contracts';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '../auth/roles.decorator';
import { CollectionService } from './collection.service';

@ApiTags('collections')
@ApiBearerAuth()
@Controller({ path: 'collections', version: '1' })
export class CollectionController {
  constructor(private readonly collection: CollectionService) {}

  @Post('run')
  @HttpCode(202)
  @Roles('admin')
  @ApiOperation({ summary: 'Collects every active instance (or the one given) now; follow it with GET /sessions/:id' })
  @ApiAcceptedResponse({ description: '{ session_id, status: "running" }' })
  @ApiConflictResponse({ description: 'A collection run is already in progress' })
  @ApiNotFoundResponse({ description: 'Unknown instance_id' })
  @ApiForbiddenResponse({ description: 'Admins only' })
  run(@Body() body: RunCollectionDto, @CurrentUser() user: AuthUser): Promise<RunAcceptedResponse> {
    return this.collection.startManualRun(user, body.instance_id);
  }
}
