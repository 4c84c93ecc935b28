import { ApiErrorBody, ChangePasswordDto, LoginDto, LoginResponse, UserResponse } from '@capacity/contracts';
import { Body, Controller, Get, HttpCode, Ip, Post, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { ApiErrorResponses, ERROR_STATUSES } from '../common/api-responses';
import { AuthService } from './auth.service';
import { RetryAfterFilter } from './retry-after.filter';
import { CurrentToken, CurrentUser, Public, type AuthUser, type PresentedToken } from './roles.decorator';

@ApiTags('auth')
@Controller({ path: 'auth', version: '1' })
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @UseFilters(RetryAfterFilter)
  @ApiOperation({
    summary: 'Exchange username and password for a JWT',
    description:
      'Answers a bearer token valid for `expires_in` seconds and the user. A wrong username and a wrong password answer the same 401. ' +
      'Failed logins are throttled per username and per client address: past the limit the answer is 429 with Retry-After.',
    security: [],
  })
  @ApiOkResponse({ type: LoginResponse, description: 'The token and the user' })
  @ApiErrorResponses(400, 401, 413, 503)
  @ApiTooManyRequestsResponse({
    type: ApiErrorBody,
    description: ERROR_STATUSES[429],
    headers: { 'Retry-After': { description: 'Seconds to wait before the next attempt', schema: { type: 'integer', minimum: 1 } } },
  })
  login(@Body() dto: LoginDto, @Ip() clientAddress: string | undefined): Promise<LoginResponse> {
    return this.auth.login(dto, clientAddress);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Revoke the token of this request', description: 'The token stops working at once; other tokens of the user are kept.' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiErrorResponses(401, 503)
  logout(@CurrentToken() token: PresentedToken): Promise<void> {
    return this.auth.logout(token);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The user of the token', description: 'Who the bearer token belongs to, with the role that decides what it may do.' })
  @ApiOkResponse({ type: UserResponse })
  @ApiErrorResponses(401, 503)
  me(@CurrentUser() user: AuthUser): Promise<UserResponse> {
    return this.auth.me(user.id);
  }

  @Post('password')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({
    summary: "Change one's own password",
    description:
      'Needs the current password (400 naming `current_password` when it is wrong). The new one: at least 8 characters, at most ' +
      '72 bytes in UTF-8, not the username. Every earlier token of the user, this one included, stops working: log in again.',
  })
  @ApiNoContentResponse({ description: 'Changed' })
  @ApiErrorResponses(400, 401, 413, 503)
  changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.auth.changePassword(user.id, dto);
  }
}
