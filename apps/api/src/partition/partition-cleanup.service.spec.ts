import { JobEvents } from '../jobs/job-events';
import type { StatsTable } from '@capacity/contracts';
import type { AppConfig } from '../config/app-config';
import type { JobLockRepository } from '../jobs/job-lock.repository';
import { JobRunner } from '../jobs/job-runner.service';
import type { SessionsService } from '../sessions/sessions.service';
import type { ArchiveStep } from './archive-step';
import { ARCHIVE_DISABLED_MESSAGE, NO_ARCHIVE_STEP_MESSAGE, PartitionCleanupService, SCHEDULED_NO_ARCHIVE_MESSAGE } from './partition-cleanup.service';
import { partitionName } from './partition-naming';
import type { PartitionRepository, PartitionRow } from './partition.repository';

const row = (table: StatsTable, month: string): PartitionRow => ({
  table, name: partitionName(table, month), isDefault: false, rangeFrom: `${month}-01`, rangeTo: null, month,
  rowCount: 0, rowCountEstimated: false, totalBytes: 0,
});

function setup(options: { archive: boolean; step?: ArchiveStep }) {
  const partitions = [row('database_size_stats', '2025-09'), row('database_size_stats', '2025-11'), row('instance_size_stats', '2025-10'), row('instance_size_stats', '2026-11')];
  const repository = {
    listPartitions: vi.fn().mockResolvedValue(partitions),
    dropMonthPartition: vi.fn().mockResolvedValue(true),
  };
  const names = new Map<string, number>();
  const sessions = {
    start: vi.fn(async (input: { targets: { name: string }[] }) => {
      input.targets.forEach((target, index) => names.set(target.name, index + 1));
      return { sessionId: 'session-1', recordIds: names };
    }),
    finishRecord: vi.fn().mockResolvedValue(undefined),
    markRunning: vi.fn().mockResolvedValue(undefined),
    finish: vi.fn().mockResolvedValue(undefined),
    failInterrupted: vi.fn().mockResolvedValue(0),
  };
  const locks = { tryLock: vi.fn().mockResolvedValue({ release: vi.fn().mockResolvedValue(undefined) }) };
  const runner = new JobRunner(locks as unknown as JobLockRepository, sessions as unknown as SessionsService, new JobEvents());
  const config = { timeZone: 'UTC', retentionMonths: 12, enabled: { archive: options.archive } } as AppConfig;
  const service = new PartitionCleanupService(repository as unknown as PartitionRepository, runner, config, options.step ?? null);
  return { service, repository, sessions };
}

describe('PartitionCleanupService', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-28T10:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  const past = ['database_size_stats_2025_09', 'instance_size_stats_2025_10'];

  it('without an archive step, refuses to drop unless asked and says why', async () => {
    const { service, repository } = setup({ archive: true });
    const result = await service.cleanup({});
    expect(result.would_drop.map((p) => p.name)).toEqual(past);
    expect(result.message).toBe(NO_ARCHIVE_STEP_MESSAGE);
    expect(result.skipped.map((p) => p.reason)).toEqual([NO_ARCHIVE_STEP_MESSAGE, NO_ARCHIVE_STEP_MESSAGE]);
    expect(repository.dropMonthPartition).not.toHaveBeenCalled();
  });

  it('with ARCHIVE_ENABLED=false ignores a provided step and needs drop_without_archive', async () => {
    const step = { archiveThenDrop: vi.fn() };
    const { service, repository } = setup({ archive: false, step });
    expect((await service.cleanup({})).message).toBe(ARCHIVE_DISABLED_MESSAGE);
    expect(repository.dropMonthPartition).not.toHaveBeenCalled();

    const dropped = await service.cleanup({ dropWithoutArchive: true });
    expect(dropped.dropped.map((p) => p.name)).toEqual(past);
    expect(repository.dropMonthPartition.mock.calls).toEqual([
      ['database_size_stats', '2025-09'],
      ['instance_size_stats', '2025-10'],
    ]);
    expect(step.archiveThenDrop).not.toHaveBeenCalled();
  });

  it('a scheduled run never drops without archiving, whatever it is asked', async () => {
    const { service, repository } = setup({ archive: false });
    const result = await service.cleanup({ type: 'scheduled', dropWithoutArchive: true });
    expect(result.message).toBe(SCHEDULED_NO_ARCHIVE_MESSAGE);
    expect(repository.dropMonthPartition).not.toHaveBeenCalled();
  });

  it('with the archive on, every partition goes through the step, even when drop_without_archive is set', async () => {
    const step: ArchiveStep = {
      archiveThenDrop: vi.fn(async (_table, _month, drop) => {
        await drop();
        return { archived: true, files: ['a.parquet'], rows: 7, detail: 'ok' };
      }),
    };
    const { service, repository, sessions } = setup({ archive: true, step });
    const result = await service.cleanup({ dropWithoutArchive: true, category: 'archive' });
    expect(step.archiveThenDrop).toHaveBeenCalledTimes(2);
    expect(repository.dropMonthPartition).toHaveBeenCalledTimes(2);
    expect(result.archived.map((p) => [p.name, p.rows])).toEqual([[past[0], 7], [past[1], 7]]);
    expect(result.dropped.map((p) => p.name)).toEqual(past);
    expect(sessions.start).toHaveBeenCalledWith(expect.objectContaining({ category: 'archive' }));
  });

  it('reports a partition the step did not drop as skipped, and a failing step as a failed record', async () => {
    const step: ArchiveStep = {
      archiveThenDrop: vi
        .fn()
        .mockResolvedValueOnce({ archived: false, files: [], rows: 0, detail: 'export in progress elsewhere' })
        .mockRejectedValueOnce(new Error('verification failed: 3 rows missing')),
    };
    const { service, sessions } = setup({ archive: true, step });
    const result = await service.cleanup({});
    expect(result.dropped).toEqual([]);
    expect(result.skipped.map((p) => p.reason)).toEqual(['export in progress elsewhere', 'failed: verification failed: 3 rows missing']);
    expect(sessions.finishRecord).toHaveBeenCalledWith(2, { ok: false, error: 'verification failed: 3 rows missing' });
  });

  it('a dry run touches nothing and uses the requested retention', async () => {
    const step = { archiveThenDrop: vi.fn() };
    const { service, repository } = setup({ archive: true, step });
    const result = await service.cleanup({ dryRun: true, retentionMonths: 1 });
    expect(result.keep_from).toBe('2026-10');
    expect(result.would_drop.map((p) => p.name)).toEqual([...past, 'database_size_stats_2025_11']);
    expect(repository.dropMonthPartition).not.toHaveBeenCalled();
    expect(step.archiveThenDrop).not.toHaveBeenCalled();
  });
});
