import { useI18n } from '../i18n';

export interface ConfirmButton {
  onConfirm: () => void;
  disabled?: boolean;
  /** A destructive action: the red button. */
  danger?: boolean;
  testId?: string;
}

/** A modal's footer: "Cancel" and "Confirm" while there is something to confirm, else only "Close". */
export function ConfirmActions({ onClose, confirm }: { onClose: () => void; confirm?: ConfirmButton }) {
  const { t } = useI18n();
  if (!confirm) {
    return (
      <button type="button" className="btn" onClick={onClose}>
        {t('common.close')}
      </button>
    );
  }
  return (
    <>
      <button type="button" className="btn" onClick={onClose}>
        {t('common.cancel')}
      </button>
      <button
        type="button"
        className={confirm.danger ? 'btn btn-danger' : 'btn btn-primary'}
        data-testid={confirm.testId}
        disabled={confirm.disabled}
        onClick={confirm.onConfirm}
      >
        {t('common.confirm')}
      </button>
    </>
  );
}
