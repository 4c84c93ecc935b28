import { useI18n, type MessageKey } from '../i18n';

/** A run or record status; the raw value stays the element's text so tests and scripts can read it. */
export function StatusBadge({ status, testId }: { status: string | null | undefined; testId?: string }) {
  const { t, locale } = useI18n();
  if (!status) return <span className="badge">—</span>;
  const key = `status.${status}` as MessageKey;
  const label = locale === 'en' ? null : t(key);
  return (
    <span className={`badge badge-${status}`} title={t(key)}>
      <span data-testid={testId}>{status}</span>
      {label ? <span className="badge-label"> {label}</span> : null}
    </span>
  );
}
