import { describeStartupError } from './startup-error';

describe('describeStartupError', () => {
  it('prints an Error with its stack and its cause', () => {
    const error = new Error('the embedded PostgreSQL did not start', { cause: new Error('port taken') });
    const text = describeStartupError(error);
    expect(text).toMatch(/^Error: the embedded PostgreSQL did not start\n\s+at /);
    expect(text).toContain('caused by: Error: port taken');
  });

  it('prints a thrown string as it is', () => {
    expect(describeStartupError('initdb failed: no space left on device')).toBe('initdb failed: no space left on device');
  });

  it('says that undefined or null was thrown instead of failing on it', () => {
    expect(describeStartupError(undefined)).toMatch(/^undefined was thrown, with no message/);
    expect(describeStartupError(null)).toMatch(/^null was thrown/);
  });

  it('shows the fields of a thrown object', () => {
    expect(describeStartupError({ code: 'ECONNREFUSED', port: 54329 })).toBe("{ code: 'ECONNREFUSED', port: 54329 }");
  });

  it('adds the message when the stack does not carry it', () => {
    const error = new Error('first');
    expect(error.stack).toMatch(/^Error: first/); // V8 formats the stack on first read
    error.message = 'changed later';
    expect(describeStartupError(error)).toMatch(/^Error: changed later\nError: first/);
  });
});
