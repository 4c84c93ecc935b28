import { useMemo } from 'react';
import type { ChartFormatters } from './total-size-chart';
import { formatBytes } from '../format';
import { useI18n } from '../../i18n';

/** Axis and tooltip formatters for the chosen locale (short dates, sizes with one decimal). */
export function useChartFormat(): ChartFormatters {
  const { locale } = useI18n();
  return useMemo(() => {
    const dates = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
    const months = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' });
    return {
      value: (bytes: number) => formatBytes(bytes, locale, 1),
      date: (iso: string) => {
        // `YYYY-MM` labels (partition months) show as a month.
        const isMonth = /^\d{4}-\d{2}$/.test(iso);
        const date = new Date(`${isMonth ? `${iso}-01` : iso.slice(0, 10)}T00:00:00Z`);
        if (Number.isNaN(date.getTime())) return iso;
        return (isMonth ? months : dates).format(date);
      },
    };
  }, [locale]);
}
