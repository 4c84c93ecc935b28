import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

/** The first lines of `postmaster.pid`: the postmaster's pid, its data directory and its port. */
export interface PostmasterLock {
  pid: number;
  dataDir: string;
  port?: number;
}

/** What the operating system says about a process. */
export interface ProcessInfo {
  /** Its command line, arguments separated by single spaces. */
  command: string;
  ppid: number;
  /** Exited, not yet reaped by its parent: it holds nothing any more. */
  zombie: boolean;
}

export function parsePostmasterLock(text: string): PostmasterLock | undefined {
  const [pidLine, dataDir, , portLine] = text.split('\n');
  const pid = Number(pidLine?.trim());
  if (!Number.isInteger(pid) || pid <= 0 || !dataDir) return undefined;
  const port = Number(portLine?.trim());
  return { pid, dataDir: dataDir.trim(), port: Number.isInteger(port) && port > 0 ? port : undefined };
}

export async function readPostmasterLock(clusterDir: string): Promise<PostmasterLock | undefined> {
  const file = join(clusterDir, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  return parsePostmasterLock(await readFile(file, 'utf8').catch(() => ''));
}

/** `/proc/<pid>/stat` → ppid and state; the command name may hold spaces and parentheses, so read after the last `)`. */
export function parseProcStat(stat: string): { ppid: number; state: string } | undefined {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ppid = Number(fields[1]);
  return fields[0] && Number.isInteger(ppid) ? { state: fields[0], ppid } : undefined;
}

const execFileAsync = promisify(execFile);

/** The process's command line, parent and state; undefined when there is no such process. */
export async function readProcess(pid: number): Promise<ProcessInfo | undefined> {
  if (existsSync('/proc/self/stat')) {
    try {
      const [cmdline, stat] = await Promise.all([readFile(`/proc/${pid}/cmdline`, 'utf8'), readFile(`/proc/${pid}/stat`, 'utf8')]);
      const parsed = parseProcStat(stat);
      if (!parsed) return undefined;
      return { command: cmdline.split('\0').filter(Boolean).join(' '), ppid: parsed.ppid, zombie: parsed.state === 'Z' };
    } catch {
      return undefined;
    }
  }
  // No /proc (macOS): ps answers the same questions.
  try {
    const { stdout } = await execFileAsync('ps', ['-o', 'ppid=', '-o', 'stat=', '-o', 'args=', '-p', String(pid)]);
    const match = /^\s*(\d+)\s+(\S+)\s+(.*)$/.exec(stdout.trim());
    if (!match) return undefined;
    return { command: match[3], ppid: Number(match[1]), zombie: match[2].startsWith('Z') };
  } catch {
    return undefined;
  }
}

/** Whether the command line is a postgres server (`…/postgres -D <dir> …`) on this cluster directory. */
export function isPostmasterOf(command: string, clusterDir: string): boolean {
  const match = /^(?:.*\/)?postgres\s+(?:.*\s)?-D\s+(.+?)(?:\s+-\w\s.*)?$/.exec(command);
  return !!match && resolve(match[1]) === resolve(clusterDir);
}

/** Whether a process of this pid exists and has not exited (a zombie has). */
export async function isRunning(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const info = await readProcess(pid);
  return info ? !info.zombie : true;
}
