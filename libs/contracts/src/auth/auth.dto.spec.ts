import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AUTH_LIMITS, utf8Length } from './auth-limits';
import { ChangePasswordDto, CreateUserDto, LoginDto, UpdateUserDto } from './auth.dto';

type Dto = typeof LoginDto | typeof ChangePasswordDto | typeof CreateUserDto | typeof UpdateUserDto;

const problems = (dto: Dto, plain: object): Record<string, string[]> =>
  Object.fromEntries(
    validateSync(plainToInstance(dto, plain), { whitelist: true, forbidNonWhitelisted: true }).map((error) => [
      error.property,
      Object.values(error.constraints ?? {}),
    ]),
  );

describe('new passwords: at most 72 bytes in UTF-8 (bcrypt ignores the rest)', () => {
  const user = (password: string) => ({ username: 'dba.one', password, role: 'viewer' });

  it.each([
    ['72 ASCII characters', 'a'.repeat(72)],
    ['24 three-byte characters', '€'.repeat(24)],
    ['18 four-byte characters', '🔑'.repeat(18)],
  ])('accepts %s', (_case, password) => {
    expect(problems(CreateUserDto, user(password))).toEqual({});
  });

  it.each([
    ['73 ASCII characters', 'a'.repeat(73)],
    ['25 three-byte characters (25 characters, 75 bytes)', '€'.repeat(25)],
    ['19 four-byte characters', '🔑'.repeat(19)],
  ])('refuses %s, naming the field', (_case, password) => {
    expect(problems(CreateUserDto, user(password))).toEqual({ password: ['password must be at most 72 bytes'] });
  });

  it('names new_password on a password change and password on an update', () => {
    expect(problems(ChangePasswordDto, { current_password: 'old-password', new_password: 'é'.repeat(37) })).toEqual({
      new_password: ['new_password must be at most 72 bytes'],
    });
    expect(problems(UpdateUserDto, { password: 'x'.repeat(100) })).toEqual({ password: ['password must be at most 72 bytes'] });
  });

  it('measures a lone surrogate without throwing (it is encoded as three bytes)', () => {
    expect(problems(CreateUserDto, user('\uD800'.repeat(24)))).toEqual({});
    expect(problems(CreateUserDto, user('\uD800'.repeat(25)))).toEqual({ password: ['password must be at most 72 bytes'] });
  });

  it('keeps the minimum of 8 characters', () => {
    expect(Object.keys(problems(CreateUserDto, user('seven77')))).toEqual(['password']);
    expect(Object.keys(problems(ChangePasswordDto, { current_password: 'x', new_password: 'seven77' }))).toEqual(['new_password']);
  });
});

describe('LoginDto', () => {
  it('accepts a password longer than 72 bytes, as could have been stored before the byte rule', () => {
    expect(problems(LoginDto, { username: 'admin', password: 'p'.repeat(256) })).toEqual({});
  });

  it('bounds both fields', () => {
    expect(Object.keys(problems(LoginDto, { username: 'u'.repeat(65), password: 'p'.repeat(257) })).sort()).toEqual(['password', 'username']);
  });
});

describe('UpdateUserDto', () => {
  it('accepts an empty update and any one field', () => {
    expect(problems(UpdateUserDto, {})).toEqual({});
    expect(problems(UpdateUserDto, { role: 'admin' })).toEqual({});
    expect(problems(UpdateUserDto, { username: 'renamed' })).toEqual({});
  });

  it.each(['username', 'role', 'password'])('refuses null for %s, naming it', (field) => {
    const found = problems(UpdateUserDto, { [field]: null });
    expect(Object.keys(found)).toEqual([field]);
    expect(found[field]).toContain(`${field} must not be null`);
  });
});

describe('CreateUserDto', () => {
  it.each(['username', 'role', 'password'])('refuses null for %s, naming it', (field) => {
    const valid = { username: 'dba.one', password: 'long-enough', role: 'viewer' };
    expect(Object.keys(problems(CreateUserDto, { ...valid, [field]: null }))).toEqual([field]);
  });
});

describe('AUTH_LIMITS: the bounds the SPA forms read are the ones the DTOs enforce', () => {
  const { username, password, login } = AUTH_LIMITS;
  const user = (overrides: object) => ({ username: 'dba.one', password: 'long-enough', role: 'viewer', ...overrides });

  it('accepts a username of exactly the shortest and the longest length, and refuses one character outside', () => {
    expect(problems(CreateUserDto, user({ username: 'u'.repeat(username.minLength) }))).toEqual({});
    expect(problems(CreateUserDto, user({ username: 'u'.repeat(username.maxLength) }))).toEqual({});
    expect(Object.keys(problems(CreateUserDto, user({ username: 'u'.repeat(username.minLength - 1) })))).toEqual(['username']);
    expect(Object.keys(problems(CreateUserDto, user({ username: 'u'.repeat(username.maxLength + 1) })))).toEqual(['username']);
  });

  it('applies the same username pattern as the DTO', () => {
    for (const candidate of ['dba.one', 'a_b-c', 'no spaces', 'ünï', 'ab']) {
      const refused = 'username' in problems(CreateUserDto, user({ username: candidate }));
      expect(username.pattern.test(candidate), candidate).toBe(!refused);
    }
  });

  it('accepts a password of the minimum length and of the maximum bytes, and refuses one past either', () => {
    expect(problems(CreateUserDto, user({ password: 'p'.repeat(password.minLength) }))).toEqual({});
    expect(problems(CreateUserDto, user({ password: 'p'.repeat(password.maxBytes) }))).toEqual({});
    expect(Object.keys(problems(CreateUserDto, user({ password: 'p'.repeat(password.minLength - 1) })))).toEqual(['password']);
    expect(Object.keys(problems(CreateUserDto, user({ password: 'p'.repeat(password.maxBytes + 1) })))).toEqual(['password']);
  });

  it('bounds the login fields by the login limits', () => {
    expect(problems(LoginDto, { username: 'u'.repeat(login.usernameMaxLength), password: 'p'.repeat(login.passwordMaxLength) })).toEqual({});
  });

  it('counts bytes as UTF-8 does', () => {
    expect([utf8Length('a'), utf8Length('é'), utf8Length('€'), utf8Length('🔑'), utf8Length('\uD800')]).toEqual([1, 2, 3, 4, 3]);
  });
});
