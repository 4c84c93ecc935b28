import type { AlertChangeDirection } from '@capacity/contracts';

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** 21474836480 → "20.00 GiB"; a summary's sizes, for a person. */
export function humanBytes(bytes: number): string {
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${bytes < 0 ? '-' : ''}${unit === 0 ? value : value.toFixed(2)} ${UNITS[unit]}`;
}

const signed = (bytes: number): string => `${bytes >= 0 ? '+' : ''}${humanBytes(bytes)}`;
const percentOf = (part: number, whole: number): string => `${((part / whole) * 100).toFixed(2)} %`;

/** The one line of an event: what the rule found, with its figures. */
export const summaries = {
  sizeAbove(size: number, threshold: number, date: string): string {
    return `size ${humanBytes(size)} on ${date} is at or above ${humanBytes(threshold)}`;
  },

  sizeOfLimit(size: number, limit: number, usedPercent: number, threshold: number): string {
    return `size ${humanBytes(size)} is ${usedPercent.toFixed(2)} % of the limit ${humanBytes(limit)} (at or above ${threshold} %)`;
  },

  daysToFull(daysToFull: number, below: number, fullDate: string | null): string {
    if (daysToFull <= 0) return 'full: the size has reached the limit';
    return `full in ${daysToFull} days${fullDate ? ` (about ${fullDate})` : ''}, fewer than ${below}`;
  },

  growth(base: number, baseDate: string, current: number, currentDate: string): string {
    const pct = base > 0 ? `${percentOf(current - base, base)}, ` : '';
    return `grew ${pct}${signed(current - base)} from ${humanBytes(base)} on ${baseDate} to ${humanBytes(current)} on ${currentDate}`;
  },

  suddenChange(previous: number, current: number, date: string, direction: AlertChangeDirection): string {
    const verb = current >= previous ? 'jumped' : 'dropped';
    const watched = direction === 'both' ? '' : ` (watching ${direction === 'up' ? 'jumps' : 'drops'})`;
    return `${verb} ${percentOf(current - previous, previous)} day over day: ${humanBytes(previous)} → ${humanBytes(current)} on ${date}${watched}`;
  },

  collectionFailing(runs: number, lastError: string | null): string {
    return `collection failed ${runs} run${runs === 1 ? '' : 's'} in a row${lastError ? `; last error: ${lastError}` : ''}`;
  },

  disappeared(lastSeen: string, latest: string, lastSize: number): string {
    return `database last read on ${lastSeen} (${humanBytes(lastSize)}), missing from the collection of ${latest}`;
  },
};
