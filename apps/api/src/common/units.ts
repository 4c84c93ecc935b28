const BYTES_PER_MB = 1024 * 1024;

/** bytes → MB rounded to 2 decimals, as the original API did; null stays null. */
export function bytesToMb(bytes: number | string | bigint | null | undefined): number | null {
  if (bytes === null || bytes === undefined) return null;
  return Math.round((Number(bytes) / BYTES_PER_MB) * 100) / 100;
}

export function toNumberOrNull(value: number | string | bigint | null | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}
