// For a package with no specific probe yet: it loads in both module systems, exports at least one
// function, and its types resolve.
export const genericProbe = {
  runtime: () => `
const exported = Object.keys(pkg).filter((key) => key !== 'default' && key !== '__esModule');
assert.ok(exported.length > 0, 'the package exports nothing');
assert.ok(
  exported.some((key) => typeof pkg[key] === 'function'),
  'no function among the exports: ' + exported.join(', '),
);
`,
  types: (name) => `
import * as pkg from '${name}';

const exported: string[] = Object.keys(pkg);
export { exported };
`,
};
