import type { UserResponse } from '@capacity/contracts';
import { CreateUserDto, UpdateUserDto } from '@capacity/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller({ path: 'users', version: '1' })
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'All users (admin)' })
  list(): Promise<UserResponse[]> {
    return this.users.list();
  }

  @Post()
  @ApiOperation({ summary: 'Create a user (admin)' })
  create(@Body() dto: CreateUserDto): Promise<UserResponse> {
    return this.users.create(dto);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change username, role or password (admin); the last admin stays admin' })
  update(@Param('id', ParseIdPipe) id: number, @Body() dto: UpdateUserDto): Promise<UserResponse> {
    return this.users.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a user (admin); the last admin cannot be deleted' })
  remove(@Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.users.remove(id);
  }
}
