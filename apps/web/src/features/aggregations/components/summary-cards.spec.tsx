import { screen, within } from '@testing-library/react';
import type { AggregationSummaryResponse } from '../../../lib/api-types';
import { renderWithProviders } from '../../../testing/render';
import { SummaryCards } from './summary-cards';

const summary = (unsized_instances: number): AggregationSummaryResponse['data'] => ({
  total_instances: 3,
  total_databases: 7,
  total_size_mb: 2048,
  unsized_instances,
  latest_date: '2026-12-01',
  growth_30d_mb: 512,
  growth_30d_percent: 33.33,
});

describe('SummaryCards', () => {
  it('counts the instances whose total is unknown, and says they are not in the total size', () => {
    renderWithProviders(<SummaryCards summary={summary(2)} />);
    const unsized = screen.getByTestId('summary-unsized');
    expect(within(unsized).getByText('Instances without a total')).toBeTruthy();
    expect(within(unsized).getByText('2')).toBeTruthy();
    expect(screen.getByTestId('summary-unsized-hint').textContent).toMatch(/^Not counted in the total size: a database size .* could not be read/);
    expect(within(screen.getByTestId('summary-total-size')).getByText('2 GB')).toBeTruthy();
  });

  it('shows no such card when every instance has a known total', () => {
    renderWithProviders(<SummaryCards summary={summary(0)} />);
    expect(screen.getByTestId('summary-instances')).toBeTruthy();
    expect(screen.queryByTestId('summary-unsized')).toBeNull();
    expect(screen.queryByTestId('summary-unsized-hint')).toBeNull();
  });

  it('says the day its figures are of', () => {
    renderWithProviders(<SummaryCards summary={summary(0)} />);
    expect(screen.getByTestId('summary-as-of').textContent).toBe('As of Dec 1, 2026');
  });

  it('says there is no reading yet when there is none', () => {
    renderWithProviders(<SummaryCards summary={{ ...summary(0), latest_date: null }} />);
    expect(screen.getByTestId('summary-as-of').textContent).toBe('No readings yet');
  });

  it('speaks Chinese in the zh-CN locale', () => {
    renderWithProviders(<SummaryCards summary={summary(1)} />, { locale: 'zh-CN' });
    expect(within(screen.getByTestId('summary-unsized')).getByText('总计未知的实例')).toBeTruthy();
    expect(screen.getByTestId('summary-unsized-hint').textContent).toContain('未计入总容量');
  });
});
