import { defineConfig } from 'vitest/config';
import { sourceConditions } from '../../../vitest.shared.ts';

// The fault scenarios at CI scale, with each scenario's own assertions (`pnpm test:reliability:ci`).
// Kept out of the sender's default `vitest run`: they kill and restart real processes for minutes.
export default defineConfig({
  ...sourceConditions,
  test: {
    root: import.meta.dirname,
    include: ['**/*.reliability.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 60_000,
    // One scenario at a time: they measure throughput and restart PostgreSQL connections.
    fileParallelism: false,
  },
});
