import { AUTH_LIMITS, utf8Length } from '@capacity/contracts';
import type { MessageKey, TranslateParams } from '../../../i18n';

/** What is wrong with a new password, by the rules of CreateUserDto / ChangePasswordDto; null when nothing is. */
export function newPasswordProblem(password: string, username: string): MessageKey | null {
  if (password.length < AUTH_LIMITS.password.minLength) return 'validation.passwordTooShort';
  if (utf8Length(password) > AUTH_LIMITS.password.maxBytes) return 'validation.passwordTooManyBytes';
  if (username && password.toLowerCase() === username.toLowerCase()) return 'validation.passwordIsUsername';
  return null;
}

/** The bounds the password messages quote. */
export const NEW_PASSWORD_PARAMS: TranslateParams = { min: AUTH_LIMITS.password.minLength, max: AUTH_LIMITS.password.maxBytes };
