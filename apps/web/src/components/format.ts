import type { Locale } from '../i18n/locales';
import { calendarTimeZone } from '../lib/dates';

export const MIB = 1024 * 1024;
const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;
const BYTE_LABEL: Record<Locale, string> = { en: 'B', 'zh-CN': '字节' };

function numberFormat(locale: Locale, digits: number): Intl.NumberFormat {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
}

/** Bytes as B/KB/MB/GB/TB (powers of 1024), numbers written for the locale. */
export function formatBytes(bytes: number | null | undefined, locale: Locale, digits = 2): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—';
  const negative = bytes < 0;
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const label = unit === 0 ? BYTE_LABEL[locale] : UNITS[unit];
  return `${negative ? '-' : ''}${numberFormat(locale, unit === 0 ? 0 : digits).format(value)} ${label}`;
}

/** The API's `*_mb` figures (bytes / 1024 / 1024). */
export function formatMb(mb: number | null | undefined, locale: Locale, digits = 2): string {
  if (mb === null || mb === undefined) return '—';
  return formatBytes(mb * MIB, locale, digits);
}

/** A change with its sign: +1.5 GB / -20 MB. */
export function formatSignedBytes(bytes: number | null | undefined, locale: Locale): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—';
  return bytes > 0 ? `+${formatBytes(bytes, locale)}` : formatBytes(bytes, locale);
}

export function formatPercent(percent: number | null | undefined, locale: Locale): string {
  if (percent === null || percent === undefined || !Number.isFinite(percent)) return '—';
  const text = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(percent);
  return `${percent > 0 ? '+' : ''}${text}%`;
}

export function formatNumber(value: number | null | undefined, locale: Locale): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(locale).format(value);
}

/** A YYYY-MM-DD calendar date, shown as that day whatever the browser's zone. */
export function formatDate(isoDate: string | null | undefined, locale: Locale): string {
  if (!isoDate) return '—';
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant as date and time on the API's calendar (APP_TIMEZONE, not the browser's zone), the zone named after it:
 * `Jan 2, 2026, 1:30 AM Asia/Shanghai` — the day it shows is the day the reading is filed under.
 */
export function formatDateTime(iso: string | null | undefined, locale: Locale, timeZone: string = calendarTimeZone()): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const key = `${locale}|${timeZone}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
    dateTimeFormats.set(key, format);
  }
  return `${format.format(date)} ${timeZone}`;
}

export function formatDuration(ms: number | null | undefined, locale: Locale): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${formatNumber(ms, locale)} ms`;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(ms / 1000)} s`;
}
