import { lastDays } from '../lib/dates';
import { useI18n } from '../i18n';
import { TextField } from './text-field';

export interface DateRange {
  start: string;
  end: string;
}

const PRESETS = [30, 90, 180, 365];

export function DateRangePicker({ value, onChange }: { value: DateRange; onChange: (range: DateRange) => void }) {
  const { t } = useI18n();
  return (
    <fieldset className="filters date-range">
      <legend className="sr-only">{t('storage.range')}</legend>
      <TextField label={t('common.from')} type="date" name="start_date" value={value.start} max={value.end} onChange={(start) => start && onChange({ ...value, start })} />
      <TextField label={t('common.to')} type="date" name="end_date" value={value.end} min={value.start} onChange={(end) => end && onChange({ ...value, end })} />
      <div className="segmented">
        {PRESETS.map((days) => (
          <button key={days} type="button" className="btn btn-small" onClick={() => onChange(lastDays(days))}>
            {days}d
          </button>
        ))}
      </div>
    </fieldset>
  );
}
