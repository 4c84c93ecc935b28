import { toScramHba } from './scram-auth';

const HEADER = '# TYPE  DATABASE        USER            ADDRESS                 METHOD\n';

describe('toScramHba', () => {
  it('replaces password, md5 and trust methods of local and host rules', () => {
    const text = `${HEADER}local   all             all                                     password\nhost    all             all             127.0.0.1/32            md5\nhost    replication     all             ::1/128                 trust\n`;
    const result = toScramHba(text);
    expect(result.changed).toBe(3);
    expect(result.text).toBe(
      `${HEADER}local   all             all                                     scram-sha-256\nhost    all             all             127.0.0.1/32            scram-sha-256\nhost    replication     all             ::1/128                 scram-sha-256\n`,
    );
  });

  it('keeps comments, scram rules, other methods and the options after the method', () => {
    const text = `# host all all 0.0.0.0/0 password\nhost all all 10.0.0.0/8 scram-sha-256\nhost all all 10.1.0.0/16 reject\nhostssl all all 10.2.0.0/16 cert clientcert=verify-full\n`;
    expect(toScramHba(text)).toEqual({ text, changed: 0 });
    expect(toScramHba('hostssl all all 10.3.0.0/16 password extra=1').text).toBe('hostssl all all 10.3.0.0/16 scram-sha-256 extra=1');
  });

  it('finds the method after an address written with a separate netmask, and on indented lines', () => {
    expect(toScramHba('host all all 10.0.0.0 255.0.0.0 password').text).toBe('host all all 10.0.0.0 255.0.0.0 scram-sha-256');
    expect(toScramHba('   local all all trust').text).toBe('   local all all scram-sha-256');
  });

  it('does not take a database or user named like a method for the method', () => {
    expect(toScramHba('host trust password 127.0.0.1/32 scram-sha-256')).toEqual({ text: 'host trust password 127.0.0.1/32 scram-sha-256', changed: 0 });
  });
});
