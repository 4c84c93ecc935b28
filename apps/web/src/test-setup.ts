import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// jsdom rendering with charts is slow on a shared 2-core machine.
vi.setConfig({ testTimeout: 15_000 });
// Lazy pages load their chunk on first render: give findBy* time for it.
configure({ asyncUtilTimeout: 5_000 });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
  sessionStorage.clear();
});
