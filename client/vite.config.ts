import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/** shared-schema's emission engine and factor library, but EmissionError (used at start). */
const ENGINE_AND_LIBRARY =
  /shared-schema[\\/]src[\\/](engine[\\/](?!emission-error)|factors[\\/]library|data[\\/]generated[\\/]factors)/;

/**
 * Starts the DB worker from index.html's head, so it loads and opens the database while the app's
 * bundle downloads and evaluates; src/worker/connect.ts adopts it (`self.__ecoDbWorker`). Build
 * only: the worker's file name is known once it is bundled. In dev the app starts it itself.
 */
function startDbWorkerFromHtml(): Plugin {
  return {
    name: 'eco-track:start-db-worker-from-html',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const file = Object.keys(ctx.bundle ?? {}).find((f) =>
          /(^|\/)db\.worker-[\w-]+\.js$/.test(f),
        );
        if (!file) throw new Error('the DB worker is missing from the bundle');
        return [
          {
            tag: 'script',
            injectTo: 'head',
            children: `try{self.__ecoDbWorker=new Worker(${JSON.stringify(`/${file}`)},{type:"module",name:"eco-track-db:opfs"});performance.mark("eco:worker-created")}catch(e){}`,
          },
        ];
      },
    },
  };
}

// The service worker's source lives in the `sw` workspace; vite-plugin-pwa builds it with the
// injectManifest strategy and writes the precache list (app shell, DB worker, wasm, fonts, icons)
// into it. The async wasm build is over 2 MiB, so the precache limit is raised (toolchain.md §8).
export default defineConfig({
  plugins: [
    react(),
    startDbWorkerFromHtml(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: '../sw/src',
      filename: 'sw.ts',
      injectRegister: false,
      manifestFilename: 'manifest.webmanifest',
      includeAssets: ['icons/favicon.svg', 'icons/apple-touch-icon-180.png'],
      manifest: {
        name: 'Eco-Track',
        short_name: 'Eco-Track',
        description: 'Track your carbon footprint, online or offline.',
        id: '/',
        start_url: '/dashboard',
        scope: '/',
        display: 'standalone',
        background_color: '#F5F5F5',
        theme_color: '#2E7D32',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          {
            src: '/icons/icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,wasm,woff2,png,svg,webmanifest}'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
      },
      devOptions: { enabled: false },
    }),
  ],
  optimizeDeps: { exclude: ['wa-sqlite', '@journeyapps/wa-sqlite'] },
  worker: {
    format: 'es',
    // The DB worker loads the engine and the factor library (1.9 MB) on first use
    // (src/worker/domain/engine.ts). shared-schema's index re-exports them, so they are declared
    // free of side effects (nothing runs them at start) and named into their own chunk; otherwise
    // the worker's entry chunk would hold them. Their small dependencies that the worker uses at
    // start (EmissionError, GWP sets) stay in the entry.
    rolldownOptions: {
      treeshake: { moduleSideEffects: [{ test: ENGINE_AND_LIBRARY, sideEffects: false }] },
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'emission-engine-library',
              test: ENGINE_AND_LIBRARY,
              includeDependenciesRecursively: false,
            },
          ],
        },
      },
    },
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 1200 },
  server: { proxy: { '/api': 'http://localhost:3000', '/v1': 'http://localhost:3000' } },
});
