import type { StatsTable, YearMonth } from '@capacity/contracts';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ArchiveStep, ArchiveStepResult } from '../partition/archive-step';
import { errorMessage } from '../common/error-message';
import { required } from '../common/required';
import { partitionName } from '../partition/partition-naming';
import { nextArchiveAction } from './archive-plan';
import { ArchiveRepository, describeMismatch, type ManifestRow } from './archive.repository';
import { ARCHIVE_STATE_HOOK, type ArchiveStateHook } from './archive-state-hook';
import { ParquetStore } from './parquet-store.repository';

/** More transitions than any path needs (export, verify, re-export, verify, drop, mark): a guard against loops. */
const MAX_TRANSITIONS = 8;

/**
 * The cold-tier step of cleanup: export → verify → drop → record, as a state machine over `archive_manifest`.
 * Each call looks at the recorded state and the catalog and does the next step, so a run killed anywhere is
 * finished (or the step redone) by the next one; the partition is dropped only after the files were verified.
 */
@Injectable()
export class ArchiveStepService implements ArchiveStep {
  private readonly logger = new Logger(ArchiveStepService.name);

  constructor(
    private readonly repository: ArchiveRepository,
    private readonly parquet: ParquetStore,
    @Inject(ARCHIVE_STATE_HOOK) private readonly hook: ArchiveStateHook,
  ) {}

  async archiveThenDrop(table: StatsTable, month: YearMonth, drop: () => Promise<void>): Promise<ArchiveStepResult> {
    const name = partitionName(table, month);
    let exports = 0;
    try {
      for (let step = 0; step < MAX_TRANSITIONS; step++) {
        const entry = await this.repository.findManifest(table, month);
        const present = await this.repository.partitionExists(table, month);
        const action = nextArchiveAction(entry?.state ?? null, present);
        switch (action) {
          case 'export':
            if (exports++ > 1) throw new Error(`${name}: export did not verify after ${exports - 1} attempts`);
            await this.export(table, month);
            break;
          case 'verify':
            if (!(await this.verify(required(entry, `the manifest of ${name}`), present))) {
              if (!present) throw new Error(`${name}: the Parquet files do not match the manifest and the partition is gone`);
              await this.repository.beginExport(table, month); // redo the export from scratch
            }
            break;
          case 'drop': {
            const exported = required(entry, `the manifest of ${name}`);
            if (await this.stillMatches(exported)) {
              await drop();
              await this.hook(table, month, 'drop-called');
              await this.repository.markDropped(table, month);
              await this.hook(table, month, 'dropped');
              this.logger.log(`dropped partition ${name} after archiving ${exported.rowCount} rows`);
            } else {
              this.logger.warn(`${name} changed since its export: exporting again`);
              await this.repository.beginExport(table, month);
            }
            break;
          }
          case 'mark-dropped':
            await this.repository.markDropped(table, month);
            await this.hook(table, month, 'dropped');
            break;
          case 'recheck-dropped': {
            const stats = await this.repository.partitionStats(table, month);
            if (stats && stats.rows > 0) {
              return this.result(false, entry, `${name} was archived before and has been re-created with ${stats.rows} row(s): restore the month first`);
            }
            await drop();
            return this.result(true, entry, `${name} was already archived; dropped its empty re-created partition`);
          }
          case 'done':
            return this.result(true, entry, this.describe(required(entry, `the manifest of ${name}`)));
          case 'nothing':
            return this.result(false, entry, `${name} does not exist and is not archived`);
          case 'lost': {
            const lost = required(entry, `the manifest of ${name}`);
            return this.result(false, entry, `${name} is gone but its archive is in state ${lost.state}: check ${lost.files.join(', ') || 'the archive directory'}`);
          }
        }
      }
      throw new Error(`${name}: archive did not settle after ${MAX_TRANSITIONS} steps`);
    } catch (error) {
      const message = errorMessage(error);
      this.logger.error(`archiving ${name} failed: ${message}`);
      await this.repository.markFailed(table, month, message).catch(() => undefined);
      throw error;
    }
  }

  private async export(table: StatsTable, month: YearMonth): Promise<void> {
    const name = partitionName(table, month);
    await this.repository.beginExport(table, month);
    await this.hook(table, month, 'exporting');
    await this.repository.exportPartition(table, month, async (stats, batches) => {
      const written = await this.parquet.writeMonth(table, month, batches);
      if (written.rows !== stats.rows) throw new Error(`${name}: wrote ${written.rows} rows, the partition holds ${stats.rows}`);
      await this.repository.markExported(table, month, { files: written.files, stats, parquetBytes: written.bytes });
    });
    await this.hook(table, month, 'exported');
    this.logger.log(`exported partition ${name}`);
  }

  /** Files read back agree with the figures recorded at export time. */
  private async verify(entry: ManifestRow, partitionPresent: boolean): Promise<boolean> {
    const name = partitionName(entry.table, entry.month);
    const mismatch = await this.filesMismatch(entry);
    if (mismatch) {
      this.logger.warn(`verification of ${name} failed: ${mismatch}${partitionPresent ? '; exporting again' : ''}`);
      return false;
    }
    await this.repository.markVerified(entry.table, entry.month);
    await this.hook(entry.table, entry.month, 'verified');
    this.logger.log(`verified archive of ${name}: ${entry.rowCount} rows in ${entry.files.length} file(s)`);
    return true;
  }

  /** Right before the drop: the partition still holds what was exported, and the files still read back the same. */
  private async stillMatches(entry: ManifestRow): Promise<boolean> {
    const live = await this.repository.partitionStats(entry.table, entry.month);
    if (!live || describeMismatch(expected(entry), live)) return false;
    return (await this.filesMismatch(entry)) === null;
  }

  private async filesMismatch(entry: ManifestRow): Promise<string | null> {
    try {
      return describeMismatch(expected(entry), await this.parquet.readStats(entry.table, entry.files));
    } catch (error) {
      return errorMessage(error);
    }
  }

  private describe(entry: ManifestRow): string {
    const ratio = entry.pgBytesBefore && entry.parquetBytes ? (entry.pgBytesBefore / entry.parquetBytes).toFixed(1) : '?';
    return `archived ${entry.rowCount} rows to ${entry.files.length} Parquet file(s), ${entry.parquetBytes} bytes (${ratio}x smaller), and dropped the partition`;
  }

  private result(archived: boolean, entry: ManifestRow | null, detail: string): ArchiveStepResult {
    return { archived, files: entry?.files ?? [], rows: entry?.rowCount ?? 0, detail };
  }
}

function expected(entry: ManifestRow): { rows: number; sums: Record<string, string> } {
  return { rows: entry.rowCount ?? -1, sums: entry.sums ?? {} };
}
