import type { LoginResponse, UserResponse } from '@capacity/contracts';
import { ChangePasswordDto, LoginDto } from '@capacity/contracts';
import { Body, Controller, Get, HttpCode, Ip, Post, UseFilters } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
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
  @ApiOperation({ summary: 'Exchange username and password for a JWT' })
  @ApiOkResponse({ description: '{ access_token, token_type, expires_in, user }' })
  @ApiUnauthorizedResponse({ description: 'wrong username or password' })
  @ApiTooManyRequestsResponse({ description: 'too many failed logins for the username or from the client address; see Retry-After' })
  login(@Body() dto: LoginDto, @Ip() clientAddress: string | undefined): Promise<LoginResponse> {
    return this.auth.login(dto, clientAddress);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Revoke the token of this request' })
  @ApiNoContentResponse()
  logout(@CurrentToken() token: PresentedToken): Promise<void> {
    return this.auth.logout(token);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The user of the token' })
  me(@CurrentUser() user: AuthUser): Promise<UserResponse> {
    return this.auth.me(user.id);
  }

  @Post('password')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: "Change one's own password; every earlier token of the user stops working" })
  @ApiNoContentResponse()
  changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.auth.changePassword(user.id, dto);
  }
}
