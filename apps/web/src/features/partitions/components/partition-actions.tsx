import { useState } from 'react';
import { ConfirmModal } from '../../../components/confirm-actions';
import { ErrorState } from '../../../components/states';
import { TextField } from '../../../components/text-field';
import { useI18n } from '../../../i18n';
import type { PartitionCleanupResult, PartitionCreateResult, PartitionRef, PartitionStatusResponse } from '../../../lib/api-types';
import { useIntegerInput } from '../../../lib/use-integer-input';
import { useCleanupPartitions, useCreatePartitions } from '../api/partitions';
import { planFutureMonths } from './partition-plan';

function RefList({ title, refs, testId }: { title: string; refs: (PartitionRef & { reason?: string; rows?: number })[]; testId?: string }) {
  if (!refs.length) return null;
  return (
    <div data-testid={testId}>
      <h3>
        {title} ({refs.length})
      </h3>
      <ul>
        {refs.map((ref) => (
          <li key={ref.name}>
            <code>{ref.name}</code>
            {ref.rows !== undefined ? ` — ${ref.rows}` : ''}
            {ref.reason ? <span className="error-text"> — {ref.reason}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Create future partitions: preview what is missing, then confirm. */
export function CreatePartitionsAction({ status }: { status: PartitionStatusResponse }) {
  const { t } = useI18n();
  const create = useCreatePartitions();
  const months = useIntegerInput(status.premake_months, 0, 120);
  const [preview, setPreview] = useState(false);
  const futureMonths = months.value;
  const valid = months.valid;
  const plan = preview && valid ? planFutureMonths(status.tables, status.current_month, futureMonths) : [];
  const missing = plan.filter((p) => !p.exists);
  const result: PartitionCreateResult | undefined = create.data;

  const close = () => {
    setPreview(false);
    create.reset();
  };

  return (
    <div className="filters">
      <TextField label={t('partitions.monthsAhead')} type="number" min={0} max={120} name="future_months" value={months.text} onChange={months.setText} aria-invalid={!valid} />
      <button type="button" className="btn btn-primary" data-testid="partitions-create" disabled={!valid} onClick={() => setPreview(true)}>
        {t('partitions.create')}
      </button>
      {preview ? (
        <ConfirmModal
          title={t('partitions.create')}
          onClose={close}
          testId="partitions-create-modal"
          confirm={result ? undefined : { testId: 'partitions-create-confirm', disabled: create.isPending, onConfirm: () => create.mutate(futureMonths) }}
        >
          {result ? (
            <>
              <p>{t('partitions.done')}</p>
              <RefList title={t('partitions.created')} refs={result.created} testId="partitions-created" />
              <RefList title={t('partitions.moved')} refs={result.moved} />
              <RefList title={t('partitions.failed')} refs={result.failed} />
              <RefList title={t('partitions.existing')} refs={result.existing} />
            </>
          ) : (
            <>
              <h3>{t('partitions.previewTitle')}</h3>
              {missing.length === 0 ? <p>{t('partitions.nothingToDo')}</p> : <p>{t('partitions.confirmCreate')}</p>}
              <table className="table table-compact" data-testid="partitions-create-preview">
                <tbody>
                  {plan.map((p) => (
                    <tr key={`${p.table}-${p.month}`}>
                      <td>{p.table}</td>
                      <td>{p.month}</td>
                      <td className={p.exists ? 'muted' : 'ok-text'}>{p.exists ? t('partitions.exists') : t('partitions.willCreate')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          {create.isError ? <ErrorState error={create.error} /> : null}
        </ConfirmModal>
      ) : null}
    </div>
  );
}

/** Cleanup: a dry run lists what would go; confirming runs it for real. */
export function CleanupPartitionsAction({ status }: { status: PartitionStatusResponse }) {
  const { t } = useI18n();
  const cleanup = useCleanupPartitions();
  const months = useIntegerInput(status.retention_months, 1, 1200);
  const [open, setOpen] = useState(false);
  const [withoutArchive, setWithoutArchive] = useState(false);
  const [preview, setPreview] = useState<PartitionCleanupResult | null>(null);
  const retention = months.value;
  const valid = months.valid;
  const result = cleanup.data && !cleanup.data.dry_run ? cleanup.data : null;

  const start = () => {
    setOpen(true);
    setPreview(null);
    cleanup.mutate({ retention_months: retention, dry_run: true, drop_without_archive: false }, { onSuccess: (r) => setPreview(r) });
  };
  const close = () => {
    setOpen(false);
    setPreview(null);
    setWithoutArchive(false);
    cleanup.reset();
  };

  return (
    <div className="filters">
      <TextField label={t('partitions.retentionMonths')} type="number" min={1} max={1200} name="retention_months" value={months.text} onChange={months.setText} aria-invalid={!valid} />
      <button type="button" className="btn btn-danger" data-testid="partitions-cleanup" disabled={!valid} onClick={start}>
        {t('partitions.cleanup')}
      </button>
      {open ? (
        <ConfirmModal
          title={t('partitions.cleanup')}
          onClose={close}
          testId="partitions-cleanup-modal"
          confirm={
            result || !preview || preview.would_drop.length === 0
              ? undefined
              : {
                  danger: true,
                  testId: 'partitions-cleanup-confirm',
                  disabled: cleanup.isPending || (!preview.archive_enabled && !withoutArchive),
                  onConfirm: () => cleanup.mutate({ retention_months: retention, dry_run: false, drop_without_archive: withoutArchive }),
                }
          }
        >
          {cleanup.isPending && !preview ? <p>{t('common.loading')}</p> : null}
          {result ? (
            <>
              <p>{result.message ?? t('partitions.done')}</p>
              <RefList title={t('partitions.dropped')} refs={result.dropped} testId="partitions-dropped" />
              <RefList title={t('partitions.archived')} refs={result.archived} />
              <RefList title={t('partitions.skipped')} refs={result.skipped} />
            </>
          ) : preview ? (
            <div data-testid="partitions-cleanup-preview">
              <h3>{t('partitions.preview')}</h3>
              <p className="muted">{t('partitions.keepFrom', { month: preview.keep_from })}</p>
              {preview.message ? <p className="muted">{preview.message}</p> : null}
              {preview.would_drop.length === 0 ? (
                <p>{t('partitions.nothingToDo')}</p>
              ) : (
                <>
                  <p>{t('partitions.confirmCleanup')}</p>
                  <RefList title={t('partitions.wouldDrop')} refs={preview.would_drop} />
                  {!preview.archive_enabled ? (
                    <label className="field-check">
                      <input type="checkbox" checked={withoutArchive} onChange={(e) => setWithoutArchive(e.target.checked)} />
                      <span>{t('partitions.dropWithoutArchive')}</span>
                    </label>
                  ) : null}
                </>
              )}
              <RefList title={t('partitions.skipped')} refs={preview.skipped} />
            </div>
          ) : null}
          {cleanup.isError ? <ErrorState error={cleanup.error} /> : null}
        </ConfirmModal>
      ) : null}
    </div>
  );
}
