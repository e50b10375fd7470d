// What a consumer does with each published package: the same runtime checks from ESM (`import`)
// and CommonJS (`require`), plus a typed TypeScript file. A package without a specific probe
// still gets the generic one, so a new package is smoke-tested as soon as it builds.
//
// Runtime bodies are async JS run in both module systems with: `pkg` (the package's namespace),
// `assert` (node:assert/strict), `load(specifier)` (import or require), `resolvePackagePath` and
// `readJson`.
import { contractsProbe } from './probes/contracts.mjs';
import { genericProbe } from './probes/generic.mjs';
import { receiverSdkProbe } from './probes/receiver-sdk.mjs';
import { signaturesProbe } from './probes/signatures.mjs';

const probes = {
  '@taskhooks/contracts': contractsProbe,
  '@taskhooks/receiver-sdk': receiverSdkProbe,
  '@taskhooks/signatures': signaturesProbe,
};

export function hasSpecificProbe(name) {
  return Object.hasOwn(probes, name);
}

function runner(body) {
  return `
async function probe() {${body}}

probe().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
`;
}

export function esmProbe(name, context) {
  return `import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as pkg from '${name}';

const load = (specifier) => import(specifier);
const resolvePackagePath = (specifier) => fileURLToPath(import.meta.resolve(specifier));
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
${runner((probes[name] ?? genericProbe).runtime(context))}`;
}

export function cjsProbe(name, context) {
  return `'use strict';
const assert = require('node:assert/strict');
const { readFileSync } = require('node:fs');
const pkg = require('${name}');

const load = async (specifier) => require(specifier);
const resolvePackagePath = (specifier) => require.resolve(specifier);
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
${runner((probes[name] ?? genericProbe).runtime(context))}`;
}

export function typesProbe(name, context) {
  return (probes[name] ?? genericProbe).types(name, context);
}
