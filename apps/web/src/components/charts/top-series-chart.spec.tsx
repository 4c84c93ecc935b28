import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders } from '../../testing/render';
import { TopSeriesChart, type TopSeriesData } from './top-series-chart';

const format = { value: (bytes: number) => `${bytes} B`, date: (iso: string) => iso };
const data: TopSeriesData = {
  // "alpha" ranks below "zulu": the legend keeps the rank, not the alphabet.
  lines: [
    { key: 'instance:2', label: 'zulu' },
    { key: 'instance:1', label: 'alpha' },
    { key: 'others', label: 'Others' },
  ],
  total: { key: 'total', label: 'Total' },
  rows: [
    { date: '2026-11-01', values: { 'instance:2': 50, 'instance:1': 30, others: 20, total: 100 } },
    { date: '2026-11-02', values: { 'instance:2': 60, 'instance:1': 30, others: 20, total: 110 } },
  ],
};

const legendTexts = () => [...screen.getByTestId('chart').querySelectorAll('.recharts-legend-item-text')].map((item) => item.textContent);

describe('TopSeriesChart', () => {
  it.each(['stacked', 'lines', 'bars'] as const)('as %s lists the series in rank order with the total last', (kind) => {
    renderWithProviders(<TopSeriesChart data={data} kind={kind} othersKey="others" format={format} testId="chart" />);
    expect(legendTexts()).toEqual(['zulu', 'alpha', 'Others', 'Total']);
  });

  it('hides a series when its legend entry is clicked, and shows it again on a second click', async () => {
    renderWithProviders(<TopSeriesChart data={data} kind="lines" othersKey="others" format={format} testId="chart" />);
    const entry = () => within(screen.getByTestId('chart')).getByText('Total').closest('.recharts-legend-item') as HTMLElement;
    expect(entry().className).not.toContain('inactive');
    await userEvent.click(entry());
    expect(entry().className).toContain('inactive');
    await userEvent.click(entry());
    expect(entry().className).not.toContain('inactive');
  });
});
