import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { readClaims } from '../auth/token-claims';
import { UsersService } from '../users/users.service';

/**
 * Whether an Authorization header carries a valid admin token, on a public route (where the global guard does not
 * look): the same checks as the guard — signature, claims, user, token version, revocation — and role admin.
 * Any failure, the repository being down included, is simply "no".
 */
@Injectable()
export class AdminTokenReader {
  constructor(
    private readonly jwt: JwtService,
    private readonly users: UsersService,
  ) {}

  async isAdmin(authorization: string | undefined): Promise<boolean> {
    const [scheme, token] = (authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) return false;
    try {
      const check = readClaims(await this.jwt.verifyAsync<object>(token));
      if (!check.ok) return false;
      const identity = await this.users.findIdentity(check.claims.sub, check.claims.jti);
      return !!identity && !identity.revoked && identity.tokenVersion === check.claims.ver && identity.role === 'admin';
    } catch {
      return false;
    }
  }
}
