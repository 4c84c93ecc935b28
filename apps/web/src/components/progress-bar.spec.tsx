import { render, screen } from '@testing-library/react';
import { ProgressBar } from './progress-bar';

describe('ProgressBar', () => {
  it('is a progressbar named by its label, with its value', () => {
    render(<ProgressBar percent={40} label="Progress of session abcd1234" />);
    const bar = screen.getByRole('progressbar', { name: 'Progress of session abcd1234' });
    expect(bar.getAttribute('aria-valuenow')).toBe('40');
  });
});
