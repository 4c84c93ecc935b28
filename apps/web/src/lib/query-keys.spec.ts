import { QueryClient } from '@tanstack/react-query';
import { sessionKeys, storageKeys } from './query-keys';

const SESSION = '0b9f8a52-1c2d-4e5f-8a9b-0c1d2e3f4a5b';

function cacheWithEveryStorageQuery(): QueryClient {
  const client = new QueryClient();
  client.setQueryData(storageKeys.databaseSizes(5, { start_date: '2026-11-01', end_date: '2026-11-28' }), {});
  client.setQueryData(storageKeys.latestSizes(5), {});
  client.setQueryData(storageKeys.forecast(5, 'app'), {});
  client.setQueryData(storageKeys.instanceAggregationList(5, { period_type: 'daily' }), {});
  return client;
}

const invalidated = (client: QueryClient) =>
  client
    .getQueryCache()
    .getAll()
    .filter((query) => query.state.isInvalidated)
    .map((query) => query.queryKey[1]);

describe('storageKeys', () => {
  it('puts every storage view under storageKeys.all, so one invalidation refreshes them all', async () => {
    const client = cacheWithEveryStorageQuery();
    await client.invalidateQueries({ queryKey: storageKeys.all });
    expect(invalidated(client).sort()).toEqual(['database-sizes', 'forecast', 'instance-aggregations', 'latest-sizes']);
  });

  it('invalidates only the per-instance aggregations through storageKeys.instanceAggregations()', async () => {
    const client = cacheWithEveryStorageQuery();
    await client.invalidateQueries({ queryKey: storageKeys.instanceAggregations() });
    expect(invalidated(client)).toEqual(['instance-aggregations']);
  });
});

describe('sessionKeys', () => {
  it('refreshes the lists through sessionKeys.lists() and leaves a followed session alone', async () => {
    const client = new QueryClient();
    client.setQueryData(sessionKeys.list({ status: 'running' }), {});
    client.setQueryData(sessionKeys.detail(SESSION), {});
    await client.invalidateQueries({ queryKey: sessionKeys.lists() });
    expect(client.getQueryState(sessionKeys.list({ status: 'running' }))?.isInvalidated).toBe(true);
    expect(client.getQueryState(sessionKeys.detail(SESSION))?.isInvalidated).toBe(false);
  });
});
