import type { Logger } from '@nestjs/common';
import { rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { EmbeddedPostgresError } from './embedded-postgres-error';
import { isPostmasterOf, isRunning, readPostmasterLock, readProcess } from './postmaster-process';

export type OrphanOutcome = 'none' | 'stale-lock-removed' | 'stopped';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!(await isRunning(pid))) return true;
    await sleep(100);
  }
  return !(await isRunning(pid));
}

/** Whether the process is a Node.js process, i.e. a Capacity that is alive and owns the server it started. */
function isNode(command: string): boolean {
  const executable = basename(command.split(' ')[0] ?? '');
  return /^node(js)?(\d+)?(\.exe)?$/.test(executable) || executable === basename(process.execPath);
}

/**
 * Makes the cluster directory startable after a crash of ours. A postmaster that an earlier run left behind (its
 * pid in postmaster.pid is a postgres on this directory, and its parent is gone) is shut down with a fast shutdown
 * (SIGINT); a lock file whose pid is now some other process is removed. A server still owned by a live process is
 * never touched: that is a second Capacity on the same DATA_DIR, and the start stops with a message.
 */
export async function shutDownOrphanPostmaster(clusterDir: string, logger: Logger, timeoutMs = 60_000): Promise<OrphanOutcome> {
  const lock = await readPostmasterLock(clusterDir);
  if (!lock) return 'none';
  const info = await readProcess(lock.pid);
  if (!info || info.zombie) return 'none'; // a dead pid: postgres itself discards such a lock file
  if (!isPostmasterOf(info.command, clusterDir)) {
    // The pid was reused by an unrelated process; postgres would refuse to start while that process lives.
    logger.warn(`removing the stale ${join(clusterDir, 'postmaster.pid')} (its pid ${lock.pid} is now another process)`);
    await rm(join(clusterDir, 'postmaster.pid'), { force: true });
    return 'stale-lock-removed';
  }
  const parent = info.ppid > 1 ? await readProcess(info.ppid) : undefined;
  if (parent && !parent.zombie && isNode(parent.command)) {
    throw new EmbeddedPostgresError(
      `the embedded PostgreSQL in ${clusterDir} (pid ${lock.pid}) belongs to a running process (pid ${info.ppid}); ` +
        'is another Capacity using this DATA_DIR? Stop it first, or give this one another DATA_DIR',
    );
  }
  logger.warn(`found the embedded PostgreSQL (pid ${lock.pid}) left running on ${clusterDir} by an earlier run; shutting it down`);
  process.kill(lock.pid, 'SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
  if (!(await waitForExit(lock.pid, timeoutMs))) {
    logger.warn(`PostgreSQL (pid ${lock.pid}) did not stop within ${timeoutMs / 1000} s; sending an immediate shutdown`);
    process.kill(lock.pid, 'SIGQUIT');
    if (!(await waitForExit(lock.pid, 10_000))) {
      throw new EmbeddedPostgresError(`the PostgreSQL left running on ${clusterDir} (pid ${lock.pid}) does not stop; stop it by hand`);
    }
  }
  logger.log(`the earlier embedded PostgreSQL (pid ${lock.pid}) is stopped`);
  return 'stopped';
}
