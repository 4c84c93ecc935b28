import { useId, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import { focusableIn, useFocusTrap } from './use-focus-trap';

/** The first field of the body, else the first footer button (Cancel before Confirm): not the × of the header. */
function initialFocus(dialog: HTMLElement): HTMLElement | undefined {
  return [...dialog.querySelectorAll<HTMLElement>(':scope > .modal-body, :scope > .modal-footer')].map((part) => focusableIn(part)[0]).find(Boolean);
}

/**
 * A modal dialog: it takes the keyboard focus when it opens and keeps it (Tab cycles inside), Escape or the ×
 * closes it, and the focus goes back to the element that opened it.
 */
export function Modal({
  title,
  onClose,
  children,
  footer,
  testId,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  testId?: string;
}) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useFocusTrap(dialog, onClose, initialFocus);
  return (
    <div className="modal-backdrop">
      <div ref={dialog} className="modal" role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1} data-testid={testId}>
        <header className="modal-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="btn-icon" aria-label={t('common.close')} onClick={onClose}>
            ×
          </button>
        </header>
        <div className="modal-body">{children}</div>
        {footer ? <footer className="modal-footer">{footer}</footer> : null}
      </div>
    </div>
  );
}
