/**
 * Builds the test harness (index.html + the DB worker) with a generated service worker, so tests
 * can reload it offline. Used by tests/e2e/sync-harness.ts; not part of the app build.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  logLevel: 'warn',
  plugins: [
    VitePWA({
      strategies: 'generateSW',
      injectRegister: false,
      manifest: false,
      workbox: {
        globPatterns: ['**/*.{js,html,wasm}'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        clientsClaim: true,
        skipWaiting: true,
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/v1\//, /^\/health/],
      },
    }),
  ],
  optimizeDeps: { exclude: ['wa-sqlite'] },
  worker: { format: 'es' },
  build: { target: 'es2022', emptyOutDir: true },
});
