import { defineConfig } from 'vitest/config';

/**
 * Three projects, slowest last: `unit` (pure code, beside the sources), `integration` (real SQLite
 * files, Kamailio, sipp, the HubSpot stand-in, SMTP on loopback), `e2e` (Chromium in web mode).
 * Integration and e2e run one file at a time: they start real servers and the machine has 2 cores.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['electron/**/*.test.ts', 'renderer/**/*.test.ts', 'renderer/**/*.test.tsx'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
