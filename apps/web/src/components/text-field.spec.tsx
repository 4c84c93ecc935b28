import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { TextField } from './text-field';

function Controlled({ onValue }: { onValue: (value: string) => void }) {
  const [value, setValue] = useState('');
  return (
    <TextField
      label="Host"
      name="host"
      testId="host-input"
      grow
      value={value}
      aria-invalid
      hint={<span role="alert">required</span>}
      onChange={(next) => {
        setValue(next);
        onValue(next);
      }}
    />
  );
}

describe('TextField', () => {
  it('labels its input, passes the input props through and reports the typed text', async () => {
    const typed: string[] = [];
    render(<Controlled onValue={(value) => typed.push(value)} />);
    const input = screen.getByRole('textbox', { name: /Host/ });
    expect(input.getAttribute('name')).toBe('host');
    expect(input.getAttribute('data-testid')).toBe('host-input');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.closest('label')?.className).toBe('field grow');
    expect(screen.getByRole('alert').textContent).toBe('required');
    await userEvent.type(input, 'db1');
    expect(typed).toEqual(['d', 'db', 'db1']);
  });

  it('is a plain field without grow', () => {
    render(<TextField label="Name" name="name" value="" onChange={() => undefined} />);
    expect(screen.getByRole('textbox', { name: 'Name' }).closest('label')?.className).toBe('field');
  });
});
