import { addMonths, type ArchiveState, currentMonthIn, firstDayOf, lastDayOf, type YearMonth } from '@capacity/contracts';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COLD_TIER, type ColdTierPort } from '../history/cold-tier.port';
import { PartitionRepository } from '../partition/partition.repository';
import { createInstance } from '../test-support/factories';
import { createTestApp, type TestApp } from '../test-support/test-app';
import { monthDirectory } from './archive-paths';
import { ArchiveStepService } from './archive-step.service';
import { ArchiveRepository } from './archive.repository';
import { hotRows, monthFigures, partitionPresent, seedMonth } from './testing/archive-fixtures';

const TABLE = 'database_size_stats' as const;
const CHILD = 'apps/api/src/archive/testing/archive-crash-child.ts';

/** Runs the archive of TABLE/month in a child process and SIGKILLs it right after `pauseAfter` was recorded. */
async function runAndKill(url: string, archiveDir: string, month: YearMonth, pauseAfter: string): Promise<void> {
  const child = spawn(process.execPath, ['apps/api/bench/run.cjs', CHILD, url, archiveDir, TABLE, month, pauseAfter], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child never paused after ${pauseAfter}: ${stdout} ${stderr}`)), 60_000);
    child.stdout.on('data', (data: Buffer) => {
      stdout += data.toString();
      if (stdout.includes(`PAUSED ${pauseAfter}`)) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`child exited (${code}) before pausing after ${pauseAfter}: ${stdout} ${stderr}`));
    });
  });
  child.kill('SIGKILL');
  const { signal } = await exited;
  expect(signal).toBe('SIGKILL');
}

describe('archive step killed between steps (real process, SIGKILL), then run again', () => {
  let t: TestApp;
  let archiveDir: string;
  let cold: ColdTierPort;
  let step: ArchiveStepService;
  let manifest: ArchiveRepository;
  let partitions: PartitionRepository;
  let instanceIds: number[];

  beforeAll(async () => {
    archiveDir = await mkdtemp(join(tmpdir(), 'capacity-archive-crash-'));
    t = await createTestApp({ ARCHIVE_DIR: archiveDir });
    cold = t.app.get<ColdTierPort>(COLD_TIER);
    step = t.app.get(ArchiveStepService);
    manifest = t.app.get(ArchiveRepository);
    partitions = t.app.get(PartitionRepository);
    instanceIds = [(await createInstance(t.dataSource)).id, (await createInstance(t.dataSource)).id];
  });

  afterAll(async () => {
    await t?.close();
    await rm(archiveDir, { recursive: true, force: true });
  });

  /** Rows of the month wherever they are: hot rows, and cold rows only for months the cold tier serves. */
  async function copies(month: YearMonth): Promise<{ hot: number; cold: Record<string, unknown>[]; ids: Set<unknown> }> {
    const from = firstDayOf(month);
    const to = lastDayOf(month);
    const hot = await hotRows(t.dataSource, TABLE, { from, to });
    const coldRows = await cold.readRows(TABLE, { from, to });
    return { hot: hot.length, cold: coldRows, ids: new Set([...hot, ...coldRows].map((row) => row.id)) };
  }

  const scenarios: { pauseAfter: ArchiveState | 'drop-called'; offset: number; stateAfterKill: ArchiveState; partitionAfterKill: boolean; forgetManifest?: boolean }[] = [
    { pauseAfter: 'exporting', offset: -20, stateAfterKill: 'exporting', partitionAfterKill: true },
    { pauseAfter: 'exported', offset: -21, stateAfterKill: 'exported', partitionAfterKill: true },
    { pauseAfter: 'exported', offset: -22, stateAfterKill: 'exported', partitionAfterKill: true, forgetManifest: true },
    { pauseAfter: 'verified', offset: -23, stateAfterKill: 'verified', partitionAfterKill: true },
    { pauseAfter: 'drop-called', offset: -24, stateAfterKill: 'verified', partitionAfterKill: false },
  ];

  for (const scenario of scenarios) {
    const title = `killed after ${scenario.pauseAfter}${scenario.forgetManifest ? ' with its manifest entry lost' : ''}: exactly one copy of every row, hot or cold`;
    it(title, async () => {
      const month = addMonths(currentMonthIn('UTC'), scenario.offset);
      await seedMonth(t.dataSource, partitions, month, instanceIds, 3);
      const original = await hotRows(t.dataSource, TABLE, { from: firstDayOf(month), to: lastDayOf(month) });
      const figures = await monthFigures(t.dataSource, TABLE, month);
      expect(original.length).toBe(figures.rows);

      await runAndKill(t.database.url, archiveDir, month, scenario.pauseAfter);

      const afterKill = await manifest.findManifest(TABLE, month);
      expect(afterKill?.state).toBe(scenario.stateAfterKill);
      expect(await partitionPresent(t.dataSource, TABLE, month)).toBe(scenario.partitionAfterKill);
      const killed = await copies(month);
      expect(killed.hot + killed.cold.length).toBe(figures.rows);
      expect(killed.ids.size).toBe(figures.rows);

      if (scenario.pauseAfter === 'exporting') {
        // What a kill in the middle of the write leaves behind: a half-written temporary file and a stray part.
        const directory = join(archiveDir, monthDirectory(TABLE, month));
        await mkdir(directory, { recursive: true });
        await writeFile(join(directory, 'part-0.parquet.deadbeef.tmp'), 'half a file');
        await writeFile(join(directory, 'part-7.parquet'), 'stray');
      }
      if (scenario.forgetManifest) await t.dataSource.query(`DELETE FROM archive_manifest WHERE table_name = $1 AND month = $2`, [TABLE, firstDayOf(month)]);

      const result = await step.archiveThenDrop(TABLE, month, async () => {
        await partitions.dropMonthPartition(TABLE, month);
      });
      expect(result.archived).toBe(true);
      expect(result.rows).toBe(figures.rows);
      expect((await manifest.findManifest(TABLE, month))?.state).toBe('dropped');
      expect(await partitionPresent(t.dataSource, TABLE, month)).toBe(false);
      const settled = await copies(month);
      expect(settled.hot).toBe(0);
      expect(settled.cold).toEqual(original);
      expect(await readdir(join(archiveDir, monthDirectory(TABLE, month)))).toEqual(['part-0.parquet']);
    });
  }
});
