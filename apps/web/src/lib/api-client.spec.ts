import { HttpResponse } from 'msw';
import { vi } from 'vitest';
import { apiCalls, apiServer, http } from '../testing/api-server';
import { errorBody, userFixture } from '../testing/fixtures';
import { ApiError, apiClient, bodyOf, setUnauthorizedHandler } from './api-client';
import { tokenStorage } from './token-storage';

const summary = { total_instances: 1, total_databases: 2, total_size_mb: 10, unsized_instances: 0, latest_date: null, growth_30d_mb: null, growth_30d_percent: null };

describe('apiClient', () => {
  it('sends the bearer token of the session and returns the body', async () => {
    tokenStorage.save('tok-9', userFixture());
    apiServer.use(http.get('/api/v1/aggregations/summary', ({ response }) => response(200).json({ data: summary })));

    expect(bodyOf(await apiClient.GET('/api/v1/aggregations/summary'))).toEqual({ data: summary });
    expect(apiCalls()[0].headers.get('Authorization')).toBe('Bearer tok-9');
  });

  it('turns an error answer into an ApiError with its status, message and fields', async () => {
    apiServer.use(
      http.get('/api/v1/instances', ({ response }) =>
        response(400).json(errorBody(400, 'Bad Request', ['per_page must be an integer between 1 and 500'], ['per_page'])),
      ),
    );
    const failure = apiClient.GET('/api/v1/instances', { params: { query: { per_page: 0 } } });
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ status: 400, message: 'per_page must be an integer between 1 and 500', fields: ['per_page'] });
    expect(apiCalls()[0].query.get('per_page')).toBe('0');
  });

  it('says the server cannot be reached when the request gets no answer', async () => {
    apiServer.use(http.get('/api/v1/aggregations/summary', ({ response }) => response.untyped(HttpResponse.error())));
    await expect(apiClient.GET('/api/v1/aggregations/summary')).rejects.toMatchObject({ status: 0, message: 'The server cannot be reached' });
  });

  it('ends the session on a 401 of an authenticated call, but not on a refused login', async () => {
    tokenStorage.save('expired', userFixture());
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);
    apiServer.use(
      http.post('/api/v1/auth/login', ({ response }) => response(401).json(errorBody(401, 'Unauthorized', 'wrong username or password'))),
      http.get('/api/v1/aggregations/summary', ({ response }) => response(401).json(errorBody(401, 'Unauthorized', 'token expired'))),
    );

    await expect(apiClient.POST('/api/v1/auth/login', { body: { username: 'a', password: 'b' } })).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).not.toHaveBeenCalled();
    expect(tokenStorage.getToken()).toBe('expired');

    await expect(apiClient.GET('/api/v1/aggregations/summary')).rejects.toMatchObject({ status: 401, message: 'token expired' });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(tokenStorage.getToken()).toBeNull();
  });
});
