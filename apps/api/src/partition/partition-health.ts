import { monthsBetween, type PartitionHealthFinding } from '@capacity/contracts';
import { addMonths } from './partition-naming';
import { formatYearMonth } from './partition-plan';

export interface TableHealthInput {
  table: string;
  /** Months that have a partition (month starts, any order). */
  months: readonly Date[];
  /** Rows in the default partition, by month. */
  defaultRowsByMonth: readonly { month: Date; rows: number }[];
  current: Date;
  premakeMonths: number;
}

const monthSpan = (from: Date, to: Date): number => monthsBetween(formatYearMonth(from), formatYearMonth(to));

/** Missing current/future months, rows stuck in the default partition, gaps between partitions. */
export function tableHealth(input: TableHealthInput): PartitionHealthFinding[] {
  const { table, current, premakeMonths } = input;
  const have = new Set(input.months.map((month) => month.getTime()));
  const findings: PartitionHealthFinding[] = [];

  if (!have.has(current.getTime())) {
    findings.push({ kind: 'missing_current', month: formatYearMonth(current), message: `${table} has no partition for the current month ${formatYearMonth(current)}` });
  }
  for (let offset = 1; offset <= premakeMonths; offset++) {
    const month = addMonths(current, offset);
    if (!have.has(month.getTime())) {
      findings.push({ kind: 'missing_future', month: formatYearMonth(month), message: `${table} has no partition for ${formatYearMonth(month)} (premake ${premakeMonths} months)` });
    }
  }

  for (const { month, rows } of [...input.defaultRowsByMonth].sort((a, b) => a.month.getTime() - b.month.getTime())) {
    if (rows > 0) {
      findings.push({ kind: 'rows_in_default', month: formatYearMonth(month), message: `${rows} row(s) of ${formatYearMonth(month)} sit in ${table}_default` });
    }
  }

  // Gaps: holes between the first and the last partition, not already reported as missing current/future.
  const reported = new Set(findings.filter((f) => f.kind !== 'rows_in_default').map((f) => f.month));
  const sorted = [...have].sort((a, b) => a - b).map((time) => new Date(time));
  for (let index = 1; index < sorted.length; index++) {
    const previous = sorted[index - 1];
    const next = sorted[index];
    const holes = monthSpan(previous, next) - 1;
    if (holes <= 0) continue;
    const months = Array.from({ length: holes }, (_, offset) => addMonths(previous, offset + 1)).filter((month) => !reported.has(formatYearMonth(month)));
    if (months.length === 0) continue;
    const first = formatYearMonth(months[0]);
    const last = formatYearMonth(months[months.length - 1]);
    findings.push({
      kind: 'gap',
      month: first,
      message: months.length === 1
        ? `${table} has no partition for ${first} between ${formatYearMonth(previous)} and ${formatYearMonth(next)}`
        : `${table} has no partitions for ${first} … ${last} (${months.length} months) between ${formatYearMonth(previous)} and ${formatYearMonth(next)}`,
    });
  }
  return findings;
}
