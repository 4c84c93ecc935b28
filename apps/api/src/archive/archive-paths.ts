import type { StatsTable, YearMonth } from '@capacity/contracts';
import { join } from 'node:path';

/** `<table>/year=YYYY/month=MM`, relative to ARCHIVE_DIR (hive-style, DESIGN.md §7). */
export function monthDirectory(table: StatsTable, month: YearMonth): string {
  const [year, mm] = month.split('-');
  return join(table, `year=${year}`, `month=${mm}`);
}

export function partFileName(index: number): string {
  return `part-${index}.parquet`;
}

/** Name a part is written under before its atomic rename. */
export function temporaryName(finalName: string, token: string): string {
  return `${finalName}.${token}.tmp`;
}

/** Quotes a path for a DuckDB COPY target (COPY takes no parameters); the path comes from config + whitelisted names. */
export function sqlStringLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
