import { useQuery } from '@tanstack/react-query';
import { screen } from '@testing-library/react';
import { api } from '../lib/api-client';
import { mockApi } from '../testing/mock-api';
import { renderWithProviders } from '../testing/render';
import { QueryView } from './states';

function Probe() {
  const query = useQuery({ queryKey: ['probe'], queryFn: () => api.get<{ data: string[] }>('/things') });
  return (
    <QueryView query={query} isEmpty={(d) => d.data.length === 0} empty="nothing here">
      {(d) => <p>{d.data.join(',')}</p>}
    </QueryView>
  );
}

describe('QueryView', () => {
  it('shows the API error message', async () => {
    mockApi({ 'GET /things': { status: 400, body: { statusCode: 400, error: 'Bad Request', message: ['start_date must be a date as YYYY-MM-DD'] } } });
    renderWithProviders(<Probe />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('start_date must be a date as YYYY-MM-DD');
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
  });

  it('shows the loading then the empty state', async () => {
    mockApi({ 'GET /things': { body: { data: [] } } });
    renderWithProviders(<Probe />);
    expect(screen.getByRole('status').textContent).toContain('Loading');
    expect(await screen.findByText('nothing here')).toBeTruthy();
  });

  it('shows the data', async () => {
    mockApi({ 'GET /things': { body: { data: ['a', 'b'] } } });
    renderWithProviders(<Probe />);
    expect(await screen.findByText('a,b')).toBeTruthy();
  });
});
