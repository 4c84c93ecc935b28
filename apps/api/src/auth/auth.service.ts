import type { LoginResponse, UserResponse } from '@capacity/contracts';
import { ChangePasswordDto, LoginDto } from '@capacity/contracts';
import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { InvalidInputError } from '../common/domain-errors';
import { verifyPassword } from '../common/password-hasher';
import { assertPasswordIsNotUsername, toUserResponse, UsersService } from '../users/users.service';
import { clientAddressKey } from './client-address';
import { LoginThrottle } from './login-throttle';
import { RevokedTokensRepository } from './revoked-tokens.repository';
import type { PresentedToken } from './roles.decorator';

export const TOKEN_TTL_SECONDS = 12 * 3600;

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottle,
    private readonly revokedTokens: RevokedTokensRepository,
  ) {}

  /**
   * Throttled per username and per client address (429 before any hashing); an unknown username costs one bcrypt
   * verification like a wrong password, so the answer time does not tell whether the user exists.
   */
  async login(dto: LoginDto, clientAddress: string | undefined): Promise<LoginResponse> {
    const attempt = await this.throttle.reserve(dto.username, clientAddressKey(clientAddress));
    const user = await this.users.findWithHash(dto.username);
    const valid = await verifyPassword(dto.password, user?.passwordHash ?? null);
    if (!user || !valid) throw new UnauthorizedException('wrong username or password');
    await this.throttle.succeeded(attempt);
    const access_token = await this.jwt.signAsync(
      { sub: user.id, role: user.role, ver: user.tokenVersion },
      { expiresIn: TOKEN_TTL_SECONDS, jwtid: randomUUID() },
    );
    return { access_token, token_type: 'Bearer', expires_in: TOKEN_TTL_SECONDS, user: toUserResponse(user) };
  }

  async logout(token: PresentedToken): Promise<void> {
    await this.revokedTokens.revoke(token.jti, token.expiresAt);
  }

  async me(userId: number): Promise<UserResponse> {
    const user = await this.users.findById(userId);
    if (!user) throw new UnauthorizedException('the token belongs to no user');
    return toUserResponse(user);
  }

  /** Every token of the user, the one of this request included, stops working: log in again with the new password. */
  async changePassword(userId: number, dto: ChangePasswordDto): Promise<void> {
    const user = await this.users.findByIdWithHash(userId);
    if (!user || !(await verifyPassword(dto.current_password, user.passwordHash))) {
      throw new InvalidInputError('current_password is wrong', 'current_password');
    }
    assertPasswordIsNotUsername(dto.new_password, user.username, 'new_password');
    await this.users.setPassword(userId, dto.new_password);
  }
}
