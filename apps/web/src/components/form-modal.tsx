import type { FormEvent, ReactNode } from 'react';
import { useI18n } from '../i18n';
import { Modal } from './modal';

export interface FormModalSubmit {
  label: string;
  testId: string;
  /** The submission is under way: the button is disabled. */
  pending: boolean;
}

/** A modal holding one form: its content, then "Cancel" and the submit button. */
export function FormModal({
  title,
  formLabel = title,
  testId,
  onClose,
  onSubmit,
  submit,
  children,
}: {
  title: string;
  /** The form's accessible name, when it is not the title. */
  formLabel?: string;
  testId: string;
  onClose: () => void;
  onSubmit: (event: FormEvent) => void;
  submit: FormModalSubmit;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Modal title={title} onClose={onClose} testId={testId}>
      <form className="form" onSubmit={onSubmit} noValidate aria-label={formLabel}>
        {children}
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" data-testid={submit.testId} disabled={submit.pending}>
            {submit.label}
          </button>
        </div>
      </form>
    </Modal>
  );
}
