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
          INFERENCE_NODE_URL: 'http://fake-inference-node.test',
        },
      },
    }),
  ],
  test: { include: ['src/**/*.test.ts'] },
});
