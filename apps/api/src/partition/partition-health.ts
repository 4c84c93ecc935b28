import { addMonths, monthsBetween, type PartitionHealthFinding, type YearMonth } from '@capacity/contracts';

export interface TableHealthInput {
  table: string;
  /** Months that have a partition (any order). */
  months: readonly YearMonth[];
  /** Rows in the default partition, by month. */
  defaultRowsByMonth: readonly { month: YearMonth; rows: number }[];
  current: YearMonth;
  premakeMonths: number;
}

/** Missing current/future months, rows stuck in the default partition, gaps between partitions. */
export function tableHealth(input: TableHealthInput): PartitionHealthFinding[] {
  const { table, current, premakeMonths } = input;
  const have = new Set(input.months);
  const findings: PartitionHealthFinding[] = [];

  if (!have.has(current)) {
    findings.push({ kind: 'missing_current', month: current, message: `${table} has no partition for the current month ${current}` });
  }
  for (let offset = 1; offset <= premakeMonths; offset++) {
    const month = addMonths(current, offset);
    if (!have.has(month)) {
      findings.push({ kind: 'missing_future', month, message: `${table} has no partition for ${month} (premake ${premakeMonths} months)` });
    }
  }

  for (const { month, rows } of [...input.defaultRowsByMonth].sort((a, b) => a.month.localeCompare(b.month))) {
    if (rows > 0) {
      findings.push({ kind: 'rows_in_default', month, message: `${rows} row(s) of ${month} sit in ${table}_default` });
    }
  }

  // Gaps: holes between the first and the last partition, not already reported as missing current/future.
  const reported = new Set(findings.filter((f) => f.kind !== 'rows_in_default').map((f) => f.month));
  const sorted = [...have].sort();
  for (let index = 1; index < sorted.length; index++) {
    const previous = sorted[index - 1];
    const next = sorted[index];
    const holes = monthsBetween(previous, next) - 1;
    if (holes <= 0) continue;
    const months = Array.from({ length: holes }, (_, offset) => addMonths(previous, offset + 1)).filter((month) => !reported.has(month));
    if (months.length === 0) continue;
    const first = months[0];
    const last = months[months.length - 1];
    findings.push({
      kind: 'gap',
      month: first,
      message: months.length === 1
        ? `${table} has no partition for ${first} between ${previous} and ${next}`
        : `${table} has no partitions for ${first} … ${last} (${months.length} months) between ${previous} and ${next}`,
    });
  }
  return findings;
}
