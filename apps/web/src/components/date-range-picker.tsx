import { lastDays } from '../lib/dates';
import { useI18n } from '../i18n';

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
      <label className="field">
        <span>{t('common.from')}</span>
        <input
          type="date"
          name="start_date"
          value={value.start}
          max={value.end}
          onChange={(e) => e.target.value && onChange({ ...value, start: e.target.value })}
        />
      </label>
      <label className="field">
        <span>{t('common.to')}</span>
        <input type="date" name="end_date" value={value.end} min={value.start} onChange={(e) => e.target.value && onChange({ ...value, end: e.target.value })} />
      </label>
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
