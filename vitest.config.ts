// One `vitest run` drives every workspace's tests. Browser-dependent projects use Debian's
// Chromium (or CHROMIUM_PATH); without it they are skipped locally and required under CI.
import { existsSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(chromium);
if (!haveChromium && process.env.CI) {
  throw new Error(
    `CI is set but Chromium was not found at ${chromium}: install it (apt-get install chromium) or set CHROMIUM_PATH.`,
  );
}

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// The PWA's component tests (browser mode) and its end-to-end tests (playwright-core driving the
// real server) need Chromium: they join the run only where it exists (always under CI, see above).
const browserProjects: TestProjectInlineConfiguration[] = haveChromium
  ? [
      {
        plugins: [react()],
        optimizeDeps: { exclude: ['wa-sqlite', '@journeyapps/wa-sqlite'] },
        worker: { format: 'es' },
        test: {
          name: 'client-browser',
          root: './client',
          include: ['src/**/*.browser.test.{ts,tsx}'],
          exclude: ['src/worker/**'],
          testTimeout: 30_000,
          browser: {
            enabled: true,
            headless: true,
            instances: [{ browser: 'chromium' }],
            provider: playwright({
              launchOptions: { executablePath: chromium, args: CHROMIUM_ARGS },
            }),
          },
        },
      },
      {
        test: {
          name: 'e2e',
          root: './tests',
          environment: 'node',
          include: ['e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ]
  : [];

export default defineConfig({
  test: {
    // Two test files at a time even on two cores (vitest's default is cores - 1): much of the
    // suite waits on browsers, servers and timers. npm test 767 -> 656 s (decisions.md).
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'shared-schema',
          root: './shared-schema',
          environment: 'node',
          include: ['src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'sync-server',
          root: './sync-server',
          environment: 'node',
          include: ['src/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'client-worker',
          root: './client',
          environment: 'node',
          include: ['src/worker/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'client',
          root: './client',
          environment: 'node',
          include: ['src/**/*.test.ts'],
          exclude: ['src/worker/**', 'src/**/*.browser.test.*'],
        },
      },
      ...browserProjects,
      {
        test: {
          name: 'integration',
          root: './tests',
          environment: 'node',
          include: ['integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'conformance',
          root: './tests',
          environment: 'node',
          include: ['conformance/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
