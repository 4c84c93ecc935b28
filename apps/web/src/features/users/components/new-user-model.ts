import { AUTH_LIMITS, ROLES, type Role } from '@capacity/contracts';
import type { MessageKey } from '../../../i18n';
import { newPasswordProblem } from '../../auth';

export interface NewUserValues {
  username: string;
  password: string;
  role: Role;
}

export const NEW_USER_FIELDS = ['username', 'password', 'role'] as const;
export type NewUserErrors = Partial<Record<keyof NewUserValues, MessageKey>>;

export const emptyNewUser = (): NewUserValues => ({ username: '', password: '', role: 'viewer' });

/** The checks of CreateUserDto (AUTH_LIMITS), so that the form refuses what the API would. */
export function validateNewUser(values: NewUserValues): NewUserErrors {
  const errors: NewUserErrors = {};
  if (!AUTH_LIMITS.username.pattern.test(values.username)) errors.username = 'validation.usernamePattern';
  const password = newPasswordProblem(values.password, values.username);
  if (password) errors.password = password;
  if (!(ROLES as readonly string[]).includes(values.role)) errors.role = 'validation.role';
  return errors;
}
