/**
 * Vite build of the browser explorer. The app imports the library's
 * TypeScript sources directly (`../../src/...`); the Node-only modules
 * the library can reach (the worker-thread pool) are aliased to a stub that
 * throws, because the browser always passes the serial Green's provider.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const nodeStub = fileURLToPath(new URL('./src/nodeStub.ts', import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  publicDir: 'public',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
  },
  worker: { format: 'es' },
  // Library code may read tuning knobs from process.env (Node); in the browser there are none.
  define: { 'process.env': '{}' },
  resolve: {
    alias: {
      'node:os': nodeStub,
      'node:worker_threads': nodeStub,
      'node:fs': nodeStub,
      'node:v8': nodeStub,
    },
  },
  server: { host: '127.0.0.1', port: 5173, fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] } },
  preview: { host: '127.0.0.1' },
});
