import type { Role } from '@capacity/contracts';
import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { UsersService } from '../users/users.service';
import { IS_PUBLIC, ROLES_KEY, type AuthUser, type PresentedToken } from './roles.decorator';
import { readClaims } from './token-claims';

/**
 * Global guard: a valid, unexpired, unrevoked Bearer token of an existing user, and the route's role if it names one.
 * The user, its token_version and the token's revocation come from one query (it runs on every request).
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly users: UsersService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser; token?: PresentedToken }>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) throw new UnauthorizedException('a Bearer token is required');
    let payload: unknown;
    try {
      payload = await this.jwt.verifyAsync<object>(token);
    } catch {
      throw new UnauthorizedException('the token is invalid or expired');
    }
    const check = readClaims(payload);
    if (!check.ok) throw new UnauthorizedException(check.reason);
    const { sub, ver, jti, exp } = check.claims;
    const identity = await this.users.findIdentity(sub, jti);
    if (!identity) throw new UnauthorizedException('the token belongs to no user');
    if (identity.revoked || identity.tokenVersion !== ver) throw new UnauthorizedException('the token has been revoked');
    request.user = { id: identity.id, username: identity.username, role: identity.role };
    request.token = { jti, expiresAt: exp };

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(identity.role)) throw new ForbiddenException(`this action needs the ${roles.join(' or ')} role`);
    return true;
  }
}
