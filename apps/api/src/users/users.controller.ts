import { CreateUserDto, INT4_MAX, UpdateUserDto, UserResponse } from '@capacity/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { ApiErrorResponses } from '../common/api-responses';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { UsersService } from './users.service';

const USER_ID = ApiParam({ name: 'id', description: 'The user id', schema: { type: 'integer', minimum: 1, maximum: INT4_MAX } });

@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller({ path: 'users', version: '1' })
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'All users (admin)', description: 'Every user with its role, by id.' })
  @ApiOkResponse({ type: [UserResponse] })
  @ApiErrorResponses(401, 403, 503)
  list(): Promise<UserResponse[]> {
    return this.users.list();
  }

  @Post()
  @ApiOperation({
    summary: 'Create a user (admin)',
    description: 'The username is unique in any letter case (409 when taken); the password may not be the username.',
  })
  @ApiCreatedResponse({ type: UserResponse })
  @ApiErrorResponses(400, 401, 403, 409, 413, 503)
  create(@Body() dto: CreateUserDto): Promise<UserResponse> {
    return this.users.create(dto);
  }

  @Patch(':id')
  @USER_ID
  @ApiOperation({
    summary: 'Change username, role or password (admin)',
    description:
      'Fields left out are kept. A new password or a demotion to viewer ends the user\'s earlier tokens. ' +
      '409 when the username is taken or when the change would leave no admin.',
  })
  @ApiOkResponse({ type: UserResponse, description: 'The user as changed' })
  @ApiErrorResponses(400, 401, 403, 404, 409, 413, 503)
  update(@Param('id', ParseIdPipe) id: number, @Body() dto: UpdateUserDto): Promise<UserResponse> {
    return this.users.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @USER_ID
  @ApiOperation({ summary: 'Delete a user (admin)', description: 'The last admin cannot be deleted (409).' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrorResponses(400, 401, 403, 404, 409, 503)
  remove(@Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.users.remove(id);
  }
}
