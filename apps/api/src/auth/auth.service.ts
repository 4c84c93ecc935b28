import type { LoginResponse, UserResponse } from '@capacity/contracts';
import { ChangePasswordDto, LoginDto } from '@capacity/contracts';
import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InvalidInputError } from '../common/domain-errors';
import { toUserResponse, UsersService } from '../users/users.service';
import { verifyPassword } from './password-hasher';

export const TOKEN_TTL_SECONDS = 12 * 3600;

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
  ) {}

  async login(dto: LoginDto): Promise<LoginResponse> {
    const user = await this.users.findWithHash(dto.username);
    if (!user || !(await verifyPassword(dto.password, user.passwordHash))) {
      throw new UnauthorizedException('wrong username or password');
    }
    const access_token = await this.jwt.signAsync({ sub: user.id, role: user.role }, { expiresIn: TOKEN_TTL_SECONDS });
    return { access_token, token_type: 'Bearer', expires_in: TOKEN_TTL_SECONDS, user: toUserResponse(user) };
  }

  async me(userId: number): Promise<UserResponse> {
    const user = await this.users.findById(userId);
    if (!user) throw new UnauthorizedException('the token belongs to no user');
    return toUserResponse(user);
  }

  async changePassword(userId: number, dto: ChangePasswordDto): Promise<void> {
    const user = await this.users.findByIdWithHash(userId);
    if (!user || !(await verifyPassword(dto.current_password, user.passwordHash))) {
      throw new InvalidInputError('current_password is wrong', 'current_password');
    }
    await this.users.setPassword(userId, dto.new_password);
  }
}
