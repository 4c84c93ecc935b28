import { emptyNewUser, validateNewUser, type NewUserValues } from './new-user-model';

const valid = (): NewUserValues => ({ ...emptyNewUser(), username: 'alice', password: 'correct horse' });

describe('validateNewUser', () => {
  it('accepts a valid user', () => {
    expect(validateNewUser(valid())).toEqual({});
  });

  it('takes 3 to 64 letters, digits, _ . or - as the username', () => {
    for (const username of ['ab', 'a'.repeat(65), 'al ice', 'alice@corp', '']) {
      expect(validateNewUser({ ...valid(), username }).username).toBe('validation.usernamePattern');
    }
    for (const username of ['abc', 'a'.repeat(64), 'a.l-i_ce9']) {
      expect(validateNewUser({ ...valid(), username }).username).toBeUndefined();
    }
  });

  it('applies the new-password rules, the username included', () => {
    expect(validateNewUser({ ...valid(), password: 'short' }).password).toBe('validation.passwordTooShort');
    expect(validateNewUser({ ...valid(), username: 'alice.smith', password: 'ALICE.SMITH' }).password).toBe('validation.passwordIsUsername');
  });

  it('refuses a role the API does not know', () => {
    expect(validateNewUser({ ...valid(), role: 'owner' as never }).role).toBe('validation.role');
  });
});
