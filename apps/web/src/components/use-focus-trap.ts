import { useEffect, useRef, type RefObject } from 'react';

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

/** The elements of `container` that Tab reaches, in document order. */
export function focusableIn(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((element) => !element.closest('[hidden], [inert]'));
}

/** Open dialogs, innermost last: only the innermost one traps focus and answers Escape. */
const openTraps: HTMLElement[] = [];

/**
 * Keeps keyboard focus inside `ref` while it is mounted: focus moves in on mount (to what `initialFocus` picks,
 * else the first focusable element, else the container), Tab and Shift+Tab cycle inside, Escape calls `onEscape`,
 * and on unmount focus goes back to the element that had it before (the opener).
 */
export function useFocusTrap(ref: RefObject<HTMLElement | null>, onEscape: () => void, initialFocus?: (container: HTMLElement) => HTMLElement | null | undefined): void {
  // Read when needed, so that a new callback each render does not set the trap up again (and move the focus).
  const callbacks = useRef({ onEscape, initialFocus });
  useEffect(() => {
    callbacks.current = { onEscape, initialFocus };
  }, [onEscape, initialFocus]);

  useEffect(() => {
    const container = ref.current;
    if (!container) return undefined;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    openTraps.push(container);
    const innermost = () => openTraps[openTraps.length - 1] === container;
    (callbacks.current.initialFocus?.(container) ?? focusableIn(container)[0] ?? container).focus();

    const onKeyDown = (event: KeyboardEvent) => {
      if (!innermost()) return;
      if (event.key === 'Escape') {
        event.preventDefault();
        callbacks.current.onEscape();
        return;
      }
      if (event.key !== 'Tab') return;
      const focusable = focusableIn(container);
      if (focusable.length === 0) {
        event.preventDefault();
        container.focus();
        return;
      }
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      const active = document.activeElement;
      if (event.shiftKey && (active === first || !container.contains(active))) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (active === last || !container.contains(active))) {
        event.preventDefault();
        first.focus();
      }
    };
    // A click on the page behind (or a script) must not take the focus out of the dialog.
    const onFocusIn = (event: FocusEvent) => {
      if (innermost() && event.target instanceof Node && !container.contains(event.target)) (focusableIn(container)[0] ?? container).focus();
    };
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('focusin', onFocusIn);
      openTraps.splice(openTraps.indexOf(container), 1);
      if (opener?.isConnected) opener.focus();
    };
  }, [ref]);
}
