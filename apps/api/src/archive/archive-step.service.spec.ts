import type { ArchiveState } from '@capacity/contracts';
import type { ArchiveRepository, ManifestRow, PartitionStats } from './archive.repository';
import { noArchiveStateHook } from './archive-state-hook';
import { ArchiveStepService } from './archive-step.service';
import type { ParquetStore } from './parquet-store.repository';

const MONTH = '2025-01';
const CREATED = new Date(Date.UTC(2025, 0, 1));
const STATS: PartitionStats = { rows: 10, sums: { id: '55', size_bytes: '1000', data_size_bytes: '900', log_size_bytes: '0' }, totalBytes: 81920 };

/** An in-memory manifest + catalog standing in for PostgreSQL, and files standing in for Parquet. */
function harness(initial: { state: ArchiveState | null; present: boolean; fileStats?: { rows: number; sums: Record<string, string> } }) {
  let entry: ManifestRow | null = initial.state
    ? { id: 1, table: 'database_size_stats', month: MONTH, state: initial.state, files: ['f'], rowCount: STATS.rows, sums: STATS.sums, pgBytesBefore: STATS.totalBytes, parquetBytes: 800, errorMessage: null, createdAt: CREATED, updatedAt: CREATED, exportedAt: null, verifiedAt: null, droppedAt: null, restoredAt: null }
    : null;
  let present = initial.present;
  let fileStats = initial.fileStats ?? { rows: STATS.rows, sums: STATS.sums };
  const set = (state: ArchiveState) => (entry = { ...(entry as ManifestRow), state });
  const repository = {
    findManifest: vi.fn(async () => entry),
    partitionExists: vi.fn(async () => present),
    partitionStats: vi.fn(async () => (present ? STATS : null)),
    beginExport: vi.fn(async () => {
      entry = { ...(entry ?? ({ id: 1, table: 'database_size_stats', month: MONTH } as ManifestRow)), state: 'exporting', files: [], rowCount: null, sums: null };
    }),
    exportPartition: vi.fn(async (_t: unknown, _m: unknown, consume: (s: PartitionStats, b: AsyncIterable<unknown>) => Promise<void>) => {
      await consume(STATS, (async function* () {})());
    }),
    markExported: vi.fn(async () => {
      entry = { ...(entry as ManifestRow), state: 'exported', files: ['f'], rowCount: STATS.rows, sums: STATS.sums };
    }),
    markVerified: vi.fn(async () => set('verified')),
    markDropped: vi.fn(async () => set('dropped')),
    markFailed: vi.fn(async () => undefined),
  };
  const parquet = {
    writeMonth: vi.fn(async () => {
      fileStats = { rows: STATS.rows, sums: STATS.sums };
      return { files: ['f'], rows: STATS.rows, bytes: 800 };
    }),
    readStats: vi.fn(async () => fileStats),
  };
  const drop = vi.fn(async () => {
    present = false;
  });
  const service = new ArchiveStepService(repository as unknown as ArchiveRepository, parquet as unknown as ParquetStore, noArchiveStateHook);
  return { service, repository, parquet, drop, run: () => service.archiveThenDrop('database_size_stats', MONTH, drop) };
}

describe('ArchiveStepService', () => {
  it('exports, verifies, drops and records a fresh partition, in that order', async () => {
    const h = harness({ state: null, present: true });
    const result = await h.run();
    expect(result).toMatchObject({ archived: true, files: ['f'], rows: 10 });
    expect(h.repository.markExported.mock.invocationCallOrder[0]).toBeLessThan(h.repository.markVerified.mock.invocationCallOrder[0]);
    expect(h.repository.markVerified.mock.invocationCallOrder[0]).toBeLessThan(h.drop.mock.invocationCallOrder[0]);
    expect(h.drop.mock.invocationCallOrder[0]).toBeLessThan(h.repository.markDropped.mock.invocationCallOrder[0]);
  });

  it('resumes a verified entry whose partition is gone by recording the drop, without dropping again', async () => {
    const h = harness({ state: 'verified', present: false });
    expect((await h.run()).archived).toBe(true);
    expect(h.drop).not.toHaveBeenCalled();
    expect(h.repository.markDropped).toHaveBeenCalledOnce();
    expect(h.parquet.writeMonth).not.toHaveBeenCalled();
  });

  it('re-exports when the files read back differ from the partition, and drops only once they agree', async () => {
    const h = harness({ state: 'exported', present: true, fileStats: { rows: 9, sums: STATS.sums } });
    expect((await h.run()).archived).toBe(true);
    expect(h.parquet.writeMonth).toHaveBeenCalledOnce();
    expect(h.drop).toHaveBeenCalledOnce();
  });

  it('never drops a partition whose files keep failing verification', async () => {
    const h = harness({ state: null, present: true });
    h.parquet.readStats.mockResolvedValue({ rows: 3, sums: STATS.sums });
    await expect(h.run()).rejects.toThrow(/did not verify/);
    expect(h.drop).not.toHaveBeenCalled();
    expect(h.repository.markFailed).toHaveBeenCalled();
  });

  it('reports a month with neither partition nor archive as not archived', async () => {
    const h = harness({ state: null, present: false });
    expect(await h.run()).toMatchObject({ archived: false, rows: 0 });
    expect(h.drop).not.toHaveBeenCalled();
  });
});
