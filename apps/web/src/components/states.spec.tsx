import { useQuery } from '@tanstack/react-query';
import { screen } from '@testing-library/react';
import { apiClient, bodyOf } from '../lib/api-client';
import type { PartitionInfo } from '../lib/api-types';
import { apiServer, http } from '../testing/api-server';
import { errorBody } from '../testing/fixtures';
import { renderWithProviders } from '../testing/render';
import { QueryView } from './states';

function Probe() {
  const query = useQuery({
    queryKey: ['probe'],
    queryFn: async () => bodyOf(await apiClient.GET('/api/v1/partitions', { params: { query: { table: 'database_size_stats' } } })),
  });
  return (
    <QueryView query={query} isEmpty={(d) => d.data.length === 0} empty="nothing here">
      {(d) => <p>{d.data.map((partition) => partition.name).join(',')}</p>}
    </QueryView>
  );
}

const partition = (name: string): PartitionInfo => ({
  table: 'database_size_stats',
  name,
  range_from: '2026-11-01',
  range_to: '2026-12-01',
  row_count: 0,
  row_count_estimated: false,
  total_bytes: 0,
  is_default: false,
});

describe('QueryView', () => {
  it('shows the API error message', async () => {
    apiServer.use(
      http.get('/api/v1/partitions', ({ response }) =>
        response(400).json(errorBody(400, 'Bad Request', ['table must be one of the statistics tables'], ['table'])),
      ),
    );
    renderWithProviders(<Probe />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('table must be one of the statistics tables');
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
  });

  it('shows the loading then the empty state', async () => {
    apiServer.use(http.get('/api/v1/partitions', ({ response }) => response(200).json({ data: [] })));
    renderWithProviders(<Probe />);
    expect(screen.getByRole('status').textContent).toContain('Loading');
    expect(await screen.findByText('nothing here')).toBeTruthy();
  });

  it('shows the data', async () => {
    apiServer.use(http.get('/api/v1/partitions', ({ response }) => response(200).json({ data: [partition('a'), partition('b')] })));
    renderWithProviders(<Probe />);
    expect(await screen.findByText('a,b')).toBeTruthy();
  });
});
