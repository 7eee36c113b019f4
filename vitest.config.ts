// One `vitest run` drives every workspace's tests. Browser-dependent projects use Debian's
// Chromium (or CHROMIUM_PATH); without it they are skipped locally and required under CI.
import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(chromium);
if (!haveChromium && process.env.CI) {
  throw new Error(
    `CI is set but Chromium was not found at ${chromium}: install it (apt-get install chromium) or set CHROMIUM_PATH.`,
  );
}

export default defineConfig({
  test: {
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
