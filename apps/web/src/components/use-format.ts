import { useMemo } from 'react';
import { useI18n } from '../i18n';
import { useTimeZone } from '../lib/app-settings';
import * as f from './format';

/** The formatters bound to the chosen locale and the API's time zone. */
export function useFormat() {
  const { locale } = useI18n();
  const timeZone = useTimeZone();
  return useMemo(
    () => ({
      bytes: (v: number | null | undefined) => f.formatBytes(v, locale),
      mb: (v: number | null | undefined) => f.formatMb(v, locale),
      signedBytes: (v: number | null | undefined) => f.formatSignedBytes(v, locale),
      percent: (v: number | null | undefined) => f.formatPercent(v, locale),
      number: (v: number | null | undefined) => f.formatNumber(v, locale),
      date: (v: string | null | undefined) => f.formatDate(v, locale),
      dateTime: (v: string | null | undefined) => f.formatDateTime(v, locale, timeZone),
      duration: (v: number | null | undefined) => f.formatDuration(v, locale),
    }),
    [locale, timeZone],
  );
}
