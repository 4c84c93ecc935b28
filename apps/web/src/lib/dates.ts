/** Calendar dates as YYYY-MM-DD in the browser's local day. */
export function toIsoDate(date: Date): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function today(): string {
  return toIsoDate(new Date());
}

/** The last `days` days ending today, both ends included. */
export function lastDays(days: number, end = today()): { start: string; end: string } {
  return { start: addDays(end, -(days - 1)), end };
}
