import { defineConfig } from 'tsup';

export default defineConfig({
  // Two entries so the main one (core + fetch adapter) never reaches a `node:` import.
  entry: { index: 'src/index.ts', node: 'src/node.ts' },
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
});
