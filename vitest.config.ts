import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Every vitest suite but the edge's (which runs inside workerd with its own config in edge/).
 * Unit projects run in parallel; integration and e2e start real processes and run one file at a time.
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'shared', include: ['shared/src/**/*.test.ts'] } },
      { test: { name: 'inference-node', include: ['inference-node/src/**/*.test.ts'] } },
      { test: { name: 'text-models', include: ['text-models/src/**/*.test.ts'] } },
      { test: { name: 'model-import', include: ['model-import/src/**/*.test.ts'], testTimeout: 120_000 } },
      { test: { name: 'bench', include: ['tests/bench/**/*.test.ts'] } },
      {
        test: {
          name: 'extension',
          include: ['extension/**/*.test.ts'],
          exclude: ['**/node_modules/**', 'extension/.output/**', 'extension/.wxt/**'],
          environment: 'happy-dom',
          // Texts come from locales/en.yml through browser.i18n, faked here (extension/testing).
          setupFiles: ['extension/testing/fake-i18n.ts'],
        },
        resolve: { alias: { '#i18n': path.resolve(import.meta.dirname, 'extension/.wxt/i18n/index.ts') } },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'reliability',
          include: ['tests/reliability/**/*.test.ts'],
          setupFiles: ['tests/e2e/privacy-setup.ts'],
          testTimeout: 300_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'firefox',
          include: ['tests/firefox/**/*.test.ts'],
          // Privacy on the wire: a file fails when one of its browsers leaked (tests/e2e/privacy-guard.ts).
          setupFiles: ['tests/e2e/privacy-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          // Privacy on the wire: a file fails when one of its browsers leaked (tests/e2e/privacy-guard.ts).
          setupFiles: ['tests/e2e/privacy-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
