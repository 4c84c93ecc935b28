import type { InstanceFormValues } from './instance-form-model';
import { INSTANCE_LIMITS } from '@capacity/contracts';
import { effectivePort, emptyInstanceForm, formFromInstance, parseTags, toInstancePayload, validateInstanceForm } from './instance-form-model';
import { instanceFixture } from '../../../testing/fixtures';

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

describe('tags and owner', () => {
  it('splits tags at commas, trims them and drops empty and repeated ones', () => {
    expect(parseTags(' prod, eu-west ,, prod,')).toEqual(['prod', 'eu-west']);
    expect(parseTags('')).toEqual([]);
  });

  it('limits the number of tags and the length of each', () => {
    const tags = (n: number) => Array.from({ length: n }, (_, i) => `t${i}`).join(',');
    expect(validateInstanceForm({ ...valid(), tags: tags(INSTANCE_LIMITS.tags.maxItems) }).tags).toBeUndefined();
    expect(validateInstanceForm({ ...valid(), tags: tags(INSTANCE_LIMITS.tags.maxItems + 1) }).tags).toBe('validation.tagsTooMany');
    expect(validateInstanceForm({ ...valid(), tags: 'x'.repeat(INSTANCE_LIMITS.tags.itemMaxLength + 1) }).tags).toBe('validation.tagTooLong');
  });

  it('sends the owner as a user id, or null for none', () => {
    expect(toInstancePayload({ ...valid(), owner_id: '4' }).owner_id).toBe(4);
    expect(toInstancePayload({ ...valid(), owner_id: '' }).owner_id).toBeNull();
  });

  it('fills the tags and owner from a stored instance', () => {
    expect(formFromInstance(instanceFixture({ tags: ['a', 'b'], owner_id: 3 }))).toMatchObject({ tags: 'a, b', owner_id: '3' });
    expect(formFromInstance(instanceFixture())).toMatchObject({ tags: '', owner_id: '' });
  });
});

describe('the capacity limit', () => {
  const GIB = 1024 ** 3;
  it('turns the amount and unit into whole bytes, empty into no limit', () => {
    expect(toInstancePayload({ ...valid(), capacity_limit_bytes: { amount: '2.5', unit: 'GB' } }).capacity_limit_bytes).toBe(2.5 * GIB);
    expect(toInstancePayload({ ...valid(), capacity_limit_bytes: { amount: '100', unit: 'MB' } }).capacity_limit_bytes).toBe(100 * 1024 ** 2);
    expect(toInstancePayload({ ...valid(), capacity_limit_bytes: { amount: ' ', unit: 'TB' } }).capacity_limit_bytes).toBeNull();
  });

  it('reads a stored limit back to the same bytes', () => {
    for (const bytes of [500 * GIB, 1.5 * 1024 ** 4, 123_456_789, 1]) {
      const values = formFromInstance(instanceFixture({ capacity_limit_bytes: bytes }));
      expect(toInstancePayload({ ...values, ...valid(), capacity_limit_bytes: values.capacity_limit_bytes }).capacity_limit_bytes).toBe(bytes);
    }
    expect(formFromInstance(instanceFixture({ capacity_limit_bytes: 500 * GIB })).capacity_limit_bytes).toEqual({ amount: '500', unit: 'GB' });
  });

  it('accepts 1 byte up to CAPACITY_LIMIT_MAX_BYTES, nothing else', () => {
    const check = (amount: string, unit: 'MB' | 'GB' | 'TB') => validateInstanceForm({ ...valid(), capacity_limit_bytes: { amount, unit } }).capacity_limit_bytes;
    expect(check('8191', 'TB')).toBeUndefined();
    expect(check('0.5', 'MB')).toBeUndefined();
    for (const [amount, unit] of [['8192', 'TB'], ['0', 'GB'], ['-1', 'GB'], ['1e3', 'GB'], ['1,5', 'GB']] as const) {
      expect(check(amount, unit)).toBe('capacity.validation.limit');
    }
  });
});
