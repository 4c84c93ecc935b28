import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import { Modal } from './modal';

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

/** A modal with ConfirmActions as its footer: "Cancel" and "Confirm" while `confirm` is given, else "Close". */
export function ConfirmModal({ title, onClose, testId, confirm, children }: { title: string; onClose: () => void; testId: string; confirm?: ConfirmButton; children: ReactNode }) {
  return (
    <Modal title={title} onClose={onClose} testId={testId} footer={<ConfirmActions onClose={onClose} confirm={confirm} />}>
      {children}
    </Modal>
  );
}
