// Tests run against each package's TypeScript source, not its dist/, so `pnpm test` needs no build.
// Every package exports a "@taskhooks/source" condition pointing at src/index.ts; this turns it on.
const conditions = ['@taskhooks/source', 'module', 'node', 'import', 'default'];

export const sourceConditions = {
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@taskhooks/source'] } },
};
