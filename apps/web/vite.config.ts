import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  root: __dirname,
  plugins: [react()],
  resolve: { alias: { '@capacity/contracts': resolve(__dirname, '../../libs/contracts/src/web.ts') } },
  build: { outDir: resolve(__dirname, '../../dist/apps/web'), emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { port: 4200, proxy: { '/api': 'http://localhost:3000' } },
});
