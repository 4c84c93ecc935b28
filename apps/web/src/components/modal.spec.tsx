import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { I18nProvider } from '../i18n';
import { Modal } from './modal';

function Opener({ withField = true }: { withField?: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <I18nProvider locale="en">
      <button type="button">before</button>
      <button type="button" onClick={() => setOpen(true)}>
        open
      </button>
      {open ? (
        <Modal
          title="Edit thing"
          onClose={() => setOpen(false)}
          footer={
            <>
              <button type="button" onClick={() => setOpen(false)}>
                cancel
              </button>
              <button type="button">confirm</button>
            </>
          }
        >
          {withField ? (
            <label>
              name <input />
            </label>
          ) : (
            <p>Sure?</p>
          )}
        </Modal>
      ) : null}
    </I18nProvider>
  );
}

describe('Modal', () => {
  it('is a dialog named by its title that takes the focus on its first field', async () => {
    render(<Opener />);
    await userEvent.click(screen.getByRole('button', { name: 'open' }));
    expect(screen.getByRole('dialog', { name: 'Edit thing' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'name' }));
  });

  it('without a field, focuses the first footer button (not the ×)', async () => {
    render(<Opener withField={false} />);
    await userEvent.click(screen.getByRole('button', { name: 'open' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'cancel' }));
  });

  it('keeps the focus inside: Tab from the last element goes to the first, Shift+Tab from the first to the last', async () => {
    render(<Opener />);
    await userEvent.click(screen.getByRole('button', { name: 'open' }));
    const close = screen.getByRole('button', { name: 'Close' });
    const confirm = screen.getByRole('button', { name: 'confirm' });
    confirm.focus();
    await userEvent.tab();
    expect(document.activeElement).toBe(close);
    await userEvent.tab({ shift: true });
    expect(document.activeElement).toBe(confirm);
    for (let i = 0; i < 6; i++) {
      await userEvent.tab();
      expect(screen.getByRole('dialog').contains(document.activeElement)).toBe(true);
    }
  });

  it('takes the focus back when something outside tries to take it', async () => {
    render(<Opener />);
    await userEvent.click(screen.getByRole('button', { name: 'open' }));
    screen.getByRole('button', { name: 'before' }).focus();
    expect(screen.getByRole('dialog').contains(document.activeElement)).toBe(true);
  });

  it('closes on Escape and gives the focus back to the button that opened it', async () => {
    render(<Opener />);
    const opener = screen.getByRole('button', { name: 'open' });
    await userEvent.click(opener);
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('gives the focus back after closing with a button too', async () => {
    render(<Opener />);
    const opener = screen.getByRole('button', { name: 'open' });
    await userEvent.click(opener);
    await userEvent.click(screen.getByRole('button', { name: 'cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });
});
