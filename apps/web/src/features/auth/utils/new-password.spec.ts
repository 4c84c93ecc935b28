import { AUTH_LIMITS } from '@capacity/contracts';
import { newPasswordProblem } from './new-password';

describe('newPasswordProblem', () => {
  it('accepts a password of the minimum length', () => {
    expect(newPasswordProblem('x'.repeat(AUTH_LIMITS.password.minLength), 'alice')).toBeNull();
  });

  it('refuses one character less than the minimum', () => {
    expect(newPasswordProblem('x'.repeat(AUTH_LIMITS.password.minLength - 1), 'alice')).toBe('validation.passwordTooShort');
  });

  it('counts UTF-8 bytes, not characters, against the bcrypt limit', () => {
    // 24 CJK characters are 72 bytes; 25 are 75.
    expect(newPasswordProblem('密'.repeat(24), 'alice')).toBeNull();
    expect(newPasswordProblem('密'.repeat(25), 'alice')).toBe('validation.passwordTooManyBytes');
  });

  it('refuses the username in any letter case', () => {
    expect(newPasswordProblem('Alice.Smith', 'alice.smith')).toBe('validation.passwordIsUsername');
  });
});
