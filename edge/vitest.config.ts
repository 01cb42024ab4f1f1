import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.jsonc' },
      miniflare: {
        bindings: {
          TOKEN_SECRET: 'test-token-secret',
          NODE_SECRET: 'test-node-secret',
          INFERENCE_NODE_URL: '',
          OPERATOR_SECRET: 'test-operator-secret',
          // A narrow fan-out tree, so that a few waiters already go through fan-out objects.
          FANOUT_WIDTH: '2',
          // The public half of the test-only signing key in src/test-support/test-pack-key.ts.
          PACK_PUBLIC_KEY: 'qjBMNJ6So3DR8wWKzPV/zL9ORUxPm51XhOOzzE3oqlY=',
          // Two fake nodes (see src/test-support): a primary almost always tried first, and a backup.
          INFERENCE_NODES: JSON.stringify([
            { url: 'http://fake-inference-node.test', weight: 1_000_000 },
            { url: 'http://fake-inference-node-b.test', weight: 1 },
          ]),
        },
      },
    }),
  ],
  test: { include: ['src/**/*.test.ts'] },
});
