import type { Role } from '@capacity/contracts';
import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'capacity:isPublic';
export const ROLES_KEY = 'capacity:roles';

/** No token needed (login, health, docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the route (or every route of the controller). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export interface AuthUser {
  id: number;
  username: string;
  role: Role;
}

export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthUser => {
  return context.switchToHttp().getRequest<{ user: AuthUser }>().user;
});

/** The token of the request, as the guard verified it (for logout). */
export interface PresentedToken {
  jti: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

export const CurrentToken = createParamDecorator((_data: unknown, context: ExecutionContext): PresentedToken => {
  return context.switchToHttp().getRequest<{ token: PresentedToken }>().token;
});
