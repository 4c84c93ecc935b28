import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders } from '../testing/render';
import { ConfirmActions } from './confirm-actions';

describe('ConfirmActions', () => {
  it('offers only "Close" when there is nothing to confirm', async () => {
    let closed = 0;
    renderWithProviders(<ConfirmActions onClose={() => (closed += 1)} />);
    expect(screen.getAllByRole('button').map((button) => button.textContent)).toEqual(['Close']);
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(closed).toBe(1);
  });

  it('offers "Cancel" and a red "Confirm" that runs the action', async () => {
    const calls: string[] = [];
    renderWithProviders(<ConfirmActions onClose={() => calls.push('close')} confirm={{ danger: true, testId: 'go', onConfirm: () => calls.push('confirm') }} />);
    expect(screen.getAllByRole('button').map((button) => button.textContent)).toEqual(['Cancel', 'Confirm']);
    const confirm = screen.getByTestId('go');
    expect(confirm.className).toBe('btn btn-danger');
    await userEvent.click(confirm);
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(calls).toEqual(['confirm', 'close']);
  });

  it('shows a disabled primary "Confirm" while it may not run', () => {
    renderWithProviders(<ConfirmActions onClose={() => undefined} confirm={{ disabled: true, onConfirm: () => undefined }} />);
    const confirm = screen.getByRole('button', { name: 'Confirm' });
    expect(confirm.className).toBe('btn btn-primary');
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
  });
});
