import { defineConfig } from 'vitest/config';
import { sourceConditions } from '../../vitest.shared';

export default defineConfig({
  ...sourceConditions,
  // The shared SSR conditions include `import`, which makes express's router `require('is-promise')`
  // load the ESM build (a namespace object, not a function) and crash every request. Without it,
  // CommonJS dependencies resolve as they do in plain Node.
  ssr: {
    resolve: {
      conditions: ['@taskhooks/source', 'module', 'node', 'default'],
      externalConditions: ['@taskhooks/source'],
    },
  },
  test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 60_000 },
});
