import { render, screen } from '@testing-library/react';
import { StatCards } from './stat-cards';

describe('StatCards', () => {
  it('renders one card per figure with its label, value and prefixed test id', () => {
    render(
      <StatCards
        testId="totals"
        testIdPrefix="sum-"
        cards={[
          { id: 'a', label: 'Instances', value: '3' },
          { id: 'b', label: 'Size', value: <em>1 GB</em> },
        ]}
      />,
    );
    expect(screen.getByTestId('totals').children).toHaveLength(2);
    expect(screen.getByTestId('sum-a').textContent).toBe('Instances3');
    expect(screen.getByTestId('sum-b').querySelector('.stat-value em')?.textContent).toBe('1 GB');
  });
});
