import { useMemo } from 'react';
import type { ChartFormatters } from './total-size-chart';
import { formatBytes } from '../format';
import { useI18n } from '../../i18n';

/** Axis and tooltip formatters for the chosen locale (short dates, sizes with one decimal). */
export function useChartFormat(): ChartFormatters {
  const { locale } = useI18n();
  return useMemo(() => {
    const dates = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
    return {
      value: (bytes: number) => formatBytes(bytes, locale, 1),
      date: (iso: string) => {
        const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
        return Number.isNaN(date.getTime()) ? iso : dates.format(date);
      },
    };
  }, [locale]);
}
