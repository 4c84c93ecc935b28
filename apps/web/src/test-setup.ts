import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import { apiServer, resetApiServer, startApiServer } from './testing/api-server';

// jsdom rendering with charts is slow on a shared 2-core machine.
vi.setConfig({ testTimeout: 15_000 });
// Lazy pages load their chunk on first render: give findBy* time for it.
configure({ asyncUtilTimeout: 5_000 });

beforeAll(startApiServer);

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  localStorage.clear();
  sessionStorage.clear();
  resetApiServer();
});

afterAll(() => apiServer.close());
