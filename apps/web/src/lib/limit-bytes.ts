import { CAPACITY_LIMIT_MAX_BYTES, CAPACITY_LIMIT_MIN_BYTES } from '@capacity/contracts';

/** The units a limit is typed in (powers of 1024, as the sizes are shown). */
export const LIMIT_UNITS = ['MB', 'GB', 'TB'] as const;
export type LimitUnit = (typeof LIMIT_UNITS)[number];

export const UNIT_BYTES: Record<LimitUnit, number> = { MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 };

/** A limit as typed: the amount and its unit. */
export interface LimitText {
  amount: string;
  unit: LimitUnit;
}

const AMOUNT = /^\d+(\.\d+)?$/;

/**
 * The whole bytes of a typed limit: null when left empty (no limit), NaN when it is no positive decimal or leaves the
 * range the API takes (CAPACITY_LIMIT_MIN_BYTES to CAPACITY_LIMIT_MAX_BYTES, whole bytes).
 */
export function limitBytesOf({ amount, unit }: LimitText): number | null {
  const text = amount.trim();
  if (text === '') return null;
  if (!AMOUNT.test(text)) return Number.NaN;
  const bytes = Math.round(Number(text) * UNIT_BYTES[unit]);
  return bytes >= CAPACITY_LIMIT_MIN_BYTES && bytes <= CAPACITY_LIMIT_MAX_BYTES ? bytes : Number.NaN;
}

/**
 * A stored limit as the form shows it: in the largest unit that writes it with at most 3 decimals (1.5 TB, 500 GB),
 * else in MB. Dividing by a power of two is exact, so the text reads back to the same bytes.
 */
export function limitTextOf(bytes: number | null, fallbackUnit: LimitUnit = 'GB'): LimitText {
  if (bytes === null) return { amount: '', unit: fallbackUnit };
  for (const unit of [...LIMIT_UNITS].reverse()) {
    const value = bytes / UNIT_BYTES[unit];
    const thousandths = value * 1000;
    if (value >= 1 && thousandths === Math.round(thousandths)) return { amount: String(value), unit };
  }
  // A whole number of bytes over 2^20 has at most 20 decimals: written out in full, never in exponent form.
  return { amount: (bytes / UNIT_BYTES.MB).toFixed(20).replace(/\.?0+$/, ''), unit: 'MB' };
}

/** The largest limit the API takes, as the validation messages quote it. */
export const LIMIT_MAX_TEXT = `${Math.floor(CAPACITY_LIMIT_MAX_BYTES / UNIT_BYTES.TB)} TB`;
