import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const contractsAlias = { '@capacity/contracts': resolve(__dirname, 'libs/contracts/src/index.ts') };
const webContractsAlias = { '@capacity/contracts': resolve(__dirname, 'libs/contracts/src/web.ts') };

// NestJS needs legacy decorators with emitted metadata: SWC compiles the API specs.
const nestSwc = () =>
  swc.vite({
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
    module: { type: 'es6' },
  });

const integrationFiles = ['apps/api/src/**/*.integration-spec.ts'];

export default defineConfig({
  test: {
    maxWorkers: 2,
    reporters: ['default'],
    projects: [
      {
        plugins: [nestSwc()],
        resolve: { alias: contractsAlias },
        test: { name: 'contracts', globals: true, environment: 'node', include: ['libs/contracts/src/**/*.spec.ts'] },
      },
      {
        plugins: [nestSwc()],
        resolve: { alias: contractsAlias },
        test: { name: 'api-unit', globals: true, environment: 'node', include: ['apps/api/src/**/*.spec.ts'] },
      },
      {
        plugins: [nestSwc()],
        resolve: { alias: contractsAlias },
        test: {
          name: 'api-integration',
          globals: true,
          environment: 'node',
          include: integrationFiles,
          globalSetup: ['apps/api/src/test-support/global-setup-embedded.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        plugins: [nestSwc()],
        resolve: { alias: contractsAlias },
        test: {
          name: 'api-integration-local-pg',
          globals: true,
          environment: 'node',
          // The repository-level specs run a second time on the machine's own PostgreSQL server.
          include: ['apps/api/src/database/**/*.integration-spec.ts', 'apps/api/src/partition/**/*.integration-spec.ts', 'apps/api/src/instances/**/*.integration-spec.ts', 'apps/api/src/tables/**/*.integration-spec.ts'],
          globalSetup: ['apps/api/src/test-support/global-setup-local.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        plugins: [react()],
        resolve: { alias: webContractsAlias },
        test: {
          name: 'web',
          globals: true,
          environment: 'jsdom',
          include: ['apps/web/src/**/*.spec.{ts,tsx}'],
          setupFiles: ['apps/web/src/test-setup.ts'],
        },
      },
      {
        resolve: { alias: webContractsAlias },
        test: {
          name: 'web-e2e',
          globals: true,
          environment: 'node',
          include: ['apps/web-e2e/src/**/*.e2e-spec.ts'],
          testTimeout: 120_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
