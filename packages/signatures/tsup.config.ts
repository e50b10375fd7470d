import { defineConfig } from 'tsup';

export default defineConfig({
  // crypto/node and crypto/web are the two targets of the "#crypto" import; index.js keeps `#crypto`
  // external so the runtime (Node: "node" condition) or the bundler (browser: "default") picks one.
  entry: {
    index: 'src/index.ts',
    web: 'src/web.ts',
    'crypto/node': 'src/crypto/node.ts',
    'crypto/web': 'src/crypto/web.ts',
  },
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  platform: 'neutral',
  external: ['#crypto', 'node:crypto'],
  // Keep the explicit node: prefix: Deno and bundlers rely on it to recognise the builtin.
  removeNodeProtocol: false,
});
