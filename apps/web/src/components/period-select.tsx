import { PERIOD_TYPES, type PeriodType } from '@capacity/contracts';
import { useI18n } from '../i18n';

export function PeriodSelect({ value, onChange }: { value: PeriodType; onChange: (period: PeriodType) => void }) {
  const { t } = useI18n();
  return (
    <label className="field">
      <span>{t('storage.period')}</span>
      <select data-testid="period-select" name="period_type" value={value} onChange={(e) => onChange(e.target.value as PeriodType)}>
        {PERIOD_TYPES.map((period) => (
          <option key={period} value={period}>
            {t(`period.${period}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** How far back each period's view looks by default. */
export const PERIOD_LOOKBACK_DAYS: Record<PeriodType, number> = { daily: 30, weekly: 182, monthly: 365, quarterly: 730 };
