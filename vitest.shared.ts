// Tests run against each package's TypeScript source, not its dist/, so `pnpm test` needs no build.
// Every package exports a "@taskhooks/source" condition pointing at src/index.ts; this turns it on.
// Only add conditions Node also understands for CommonJS dependencies: vitest passes the SSR list to
// Node as --conditions, and "import"/"module" there make `require()` inside deps (e.g. pg → pg-pool)
// load ESM builds.
const conditions = ['@taskhooks/source', 'node', 'default'];

export const sourceConditions = {
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@taskhooks/source'] } },
};
