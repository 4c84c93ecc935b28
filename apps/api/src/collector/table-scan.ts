import { TOP_TABLES_PER_DATABASE } from '@capacity/contracts';
import { errorMessage } from '../common/error-message';
import type { CollectedDatabase, CollectedTable, CollectedTables } from './collector.types';

/**
 * The databases whose tables a run reads: every one with a known size, the largest first, at most `max`; when there
 * are more, the warning says how many were left out and why.
 */
export function databasesToScan(databases: readonly CollectedDatabase[], max: number): { names: string[]; warning: string | null } {
  const sized = databases
    .filter((d) => d.sizeBytes !== null)
    .sort((a, b) => (b.sizeBytes ?? 0) - (a.sizeBytes ?? 0) || a.name.localeCompare(b.name));
  if (sized.length <= max) return { names: sized.map((d) => d.name), warning: null };
  return {
    names: sized.slice(0, max).map((d) => d.name),
    warning: `top tables read for the ${max} largest of ${sized.length} databases only (COLLECT_TABLES_MAX_DATABASES=${max}); the ${sized.length - max} smallest were not scanned`,
  };
}

/** databasesToScan's names; its warning, when there is one, goes to `warnings`. */
export function namesToScan(databases: readonly CollectedDatabase[], max: number, warnings: string[]): string[] {
  const { names, warning } = databasesToScan(databases, max);
  if (warning) warnings.push(warning);
  return names;
}

/** The TOP_TABLES_PER_DATABASE largest of one database's tables, largest first (ties by schema, then name). */
export function largestTables(tables: readonly CollectedTable[], limit = TOP_TABLES_PER_DATABASE): CollectedTable[] {
  return [...tables]
    .sort((a, b) => b.totalBytes - a.totalBytes || a.schema.localeCompare(b.schema) || a.name.localeCompare(b.name))
    .slice(0, limit);
}

export function tableScanWarning(database: string, error: unknown): string {
  return `top tables of database "${database}" not collected: ${errorMessage(error)}`;
}

/** Names the databases a scan did not reach before its time budget ran out (null when it reached all). */
export function unscannedWarning(unscanned: readonly string[]): string | null {
  if (unscanned.length === 0) return null;
  const listed = unscanned.slice(0, 10).join(', ') + (unscanned.length > 10 ? `, … (${unscanned.length - 10} more)` : '');
  return `top tables of ${unscanned.length} database(s) not collected: the table scan ran out of time (${listed}); the sizes were kept`;
}

/** Aborts when either the instance or the table scan's own budget does. */
export function scanSignal(instance: AbortSignal, scan: AbortSignal): AbortSignal {
  return AbortSignal.any([instance, scan]);
}

/** Runs a table scan whose failure must not fail the instance: the error becomes a warning and no table is stored. */
export async function scanOrWarn(warnings: string[], scan: () => Promise<CollectedTables>): Promise<CollectedTables | undefined> {
  try {
    return await scan();
  } catch (error) {
    warnings.push(`top tables not collected: ${errorMessage(error)}`);
    return undefined;
  }
}

/**
 * Gathers a scan that reads one database at a time: the tables read and the databases reached; a database that fails
 * is a warning naming it, one the budget ran out on is named in the one warning of `result()`.
 */
export class TableScanTally {
  private readonly scanned: string[] = [];
  private readonly unscanned: string[] = [];
  private readonly tables: CollectedTable[] = [];

  constructor(
    private readonly budget: AbortSignal,
    private readonly warnings: string[],
  ) {}

  async read(database: string, tablesOf: () => Promise<CollectedTable[]>): Promise<void> {
    try {
      this.tables.push(...(await tablesOf()));
      this.scanned.push(database);
    } catch (error) {
      if (this.budget.aborted) this.unscanned.push(database);
      else this.warnings.push(tableScanWarning(database, error));
    }
  }

  result(): CollectedTables {
    const late = unscannedWarning(this.unscanned);
    if (late) this.warnings.push(late);
    return { databases: this.scanned, tables: this.tables };
  }
}
