import type { InstanceFormValues } from './instance-form-model';
import { effectivePort, emptyInstanceForm, toInstancePayload, validateInstanceForm } from './instance-form-model';

const valid = (): InstanceFormValues => ({
  ...emptyInstanceForm(),
  name: 'orders-primary',
  db_type: 'postgresql',
  host: 'db1.internal',
  username: 'monitor',
});

describe('validateInstanceForm', () => {
  it('accepts a complete form', () => {
    expect(validateInstanceForm(valid())).toEqual({});
  });

  it('requires a name', () => {
    expect(validateInstanceForm({ ...valid(), name: '   ' }).name).toBe('validation.nameRequired');
  });

  it('limits the name to 128 characters', () => {
    expect(validateInstanceForm({ ...valid(), name: 'x'.repeat(128) }).name).toBeUndefined();
    expect(validateInstanceForm({ ...valid(), name: 'x'.repeat(129) }).name).toBe('validation.nameTooLong');
  });

  it('requires an engine from the list', () => {
    expect(validateInstanceForm({ ...valid(), db_type: '' }).db_type).toBe('validation.dbType');
    expect(validateInstanceForm({ ...valid(), db_type: 'mongodb' as never }).db_type).toBe('validation.dbType');
  });

  it('requires a host name or address', () => {
    expect(validateInstanceForm({ ...valid(), host: '' }).host).toBe('validation.hostRequired');
    expect(validateInstanceForm({ ...valid(), host: 'db one' }).host).toBe('validation.hostInvalid');
    expect(validateInstanceForm({ ...valid(), host: '10.0.0.7' }).host).toBeUndefined();
    expect(validateInstanceForm({ ...valid(), host: '[::1]' }).host).toBeUndefined();
  });

  it('accepts ports 1 to 65535 only, as whole numbers', () => {
    for (const port of ['0', '65536', '-1', '54.5', 'abc']) {
      expect(validateInstanceForm({ ...valid(), port }).port).toBe('validation.port');
    }
    for (const port of ['1', '65535', '5433']) {
      expect(validateInstanceForm({ ...valid(), port }).port).toBeUndefined();
    }
  });

  it('requires a username of at most 128 characters', () => {
    expect(validateInstanceForm({ ...valid(), username: '' }).username).toBe('validation.usernameRequired');
    expect(validateInstanceForm({ ...valid(), username: 'u'.repeat(129) }).username).toBe('validation.usernameTooLong');
  });

  it('limits the password to 512 characters', () => {
    expect(validateInstanceForm({ ...valid(), password: 'p'.repeat(513) }).password).toBe('validation.passwordTooLong');
  });
});

describe('toInstancePayload', () => {
  it('uses the engine default port when the port is left empty', () => {
    expect(effectivePort({ port: '', db_type: 'mysql' })).toBe(3306);
    expect(toInstancePayload({ ...valid(), db_type: 'sqlserver' }).port).toBe(1433);
    expect(toInstancePayload({ ...valid(), port: '6543' }).port).toBe(6543);
  });

  it('sends the password only when one was typed (write-only field)', () => {
    expect(toInstancePayload(valid())).not.toHaveProperty('password');
    expect(toInstancePayload({ ...valid(), password: 's3cret' }).password).toBe('s3cret');
  });

  it('trims names and turns empty optional text into null', () => {
    const payload = toInstancePayload({ ...valid(), name: '  a  ', database_name: ' ', description: '' });
    expect(payload).toMatchObject({ name: 'a', database_name: null, description: null, is_active: true });
  });
});
