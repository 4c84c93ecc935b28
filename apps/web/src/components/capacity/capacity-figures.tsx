import { FORECAST_MIN_DAILY_POINTS } from '@capacity/contracts';
import { useI18n } from '../../i18n';
import type { CapacityItemResponse } from '../../lib/api-types';
import { useFormat } from '../use-format';

/** Past these percentages of its limit a bar turns amber, then red. */
const WARN_PERCENT = 80;
const DANGER_PERCENT = 95;

/** "12 GB of 50 GB (24 %)" over a bar of the used share; "no limit" when none is known. */
export function UsedLimitBar({ item, testId }: { item: CapacityItemResponse; testId?: string }) {
  const { t } = useI18n();
  const fmt = useFormat();
  if (item.limit_bytes === null || item.used_percent === null) {
    return (
      <span data-testid={testId}>
        {fmt.bytes(item.size_bytes)} <span className="muted">· {t('capacity.noLimit')}</span>
      </span>
    );
  }
  const percent = Math.min(100, Math.max(0, item.used_percent));
  const level = item.used_percent >= DANGER_PERCENT ? ' capacity-danger' : item.used_percent >= WARN_PERCENT ? ' capacity-warn' : '';
  const text = t('capacity.usedOfLimit', { used: fmt.bytes(item.size_bytes), limit: fmt.bytes(item.limit_bytes) });
  const share = `${fmt.number(item.used_percent)}%`;
  return (
    <div className="capacity-used" data-testid={testId}>
      <span>
        {text} ({share})
      </span>
      <div
        className={`progress capacity-bar${level}`}
        role="meter"
        aria-label={t('capacity.usedBar', { used: text, percent: share })}
        aria-valuenow={percent}
        aria-valuemin={0}
        aria-valuemax={100}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

/** Where the limit comes from: set by an admin, or reported by the engine. */
export function LimitSource({ item }: { item: CapacityItemResponse }) {
  const { t } = useI18n();
  if (item.limit_source === null) return <span className="muted">—</span>;
  return (
    <span className="badge" title={t(`capacity.sourceHint.${item.limit_source}`)} data-testid="limit-source">
      {t(`capacity.source.${item.limit_source}`)}
    </span>
  );
}

/** Growth per day of the fit, signed; "—" without enough history. */
export function GrowthPerDay({ item }: { item: CapacityItemResponse }) {
  const { t } = useI18n();
  const fmt = useFormat();
  if (item.growth_bytes_per_day === null) return <span className="muted">—</span>;
  return <>{t('capacity.perDay', { value: fmt.signedBytes(item.growth_bytes_per_day) })}</>;
}

/**
 * Days until the limit with the 95 % band and the expected date; or why there is none: full, not enough history
 * (never a forecast below FORECAST_MIN_DAILY_POINTS), not growing, no limit.
 */
export function DaysToFull({ item, testId }: { item: CapacityItemResponse; testId?: string }) {
  const { t } = useI18n();
  const fmt = useFormat();
  if (item.status === 'ok' && item.days_to_full !== null) {
    const early = fmt.number(item.days_to_full_early);
    const band = item.days_to_full_late === null ? t('capacity.bandOpen', { early }) : t('capacity.band', { early, late: fmt.number(item.days_to_full_late) });
    return (
      <span data-testid={testId} data-status={item.status}>
        <strong>{item.days_to_full === 1 ? t('capacity.oneDay') : t('capacity.days', { days: fmt.number(item.days_to_full) })}</strong>{' '}
        <span className="muted capacity-band">
          ({band}) · {t('capacity.fullOn', { date: fmt.date(item.full_date) })}
        </span>
      </span>
    );
  }
  const reason =
    item.status === 'not_enough_history'
      ? t('capacity.status.not_enough_history', { points: item.points, min: FORECAST_MIN_DAILY_POINTS })
      : t(`capacity.status.${item.status === 'ok' ? 'no_limit' : item.status}`);
  return (
    <span data-testid={testId} data-status={item.status} className={item.status === 'full' ? 'badge badge-critical' : 'muted'}>
      {reason}
    </span>
  );
}

/** A table row's capacity cells: used / limit, the limit's source, growth per day, days until full. */
export function CapacityCells({ item, daysTestId }: { item: CapacityItemResponse; daysTestId: string }) {
  return (
    <>
      <td>
        <UsedLimitBar item={item} />
      </td>
      <td>
        <LimitSource item={item} />
      </td>
      <td className="num">
        <GrowthPerDay item={item} />
      </td>
      <td>
        <DaysToFull item={item} testId={daysTestId} />
      </td>
    </>
  );
}
