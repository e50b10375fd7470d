// After `tsup`: the default (non-node) variant, dist/index.js with #crypto → dist/crypto/web.js, and
// dist/web.js must not reach any node: import (or a bare builtin, should a tool strip the prefix);
// dist/index.js with #crypto → dist/crypto/node.js must reach node:crypto (proves the walk sees imports).
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = resolve(dirname(fileURLToPath(import.meta.url)), '../dist');
const BUILTIN = /^(?:node:|(?:crypto|buffer|fs|os|path|stream|util)$)/;
const IMPORT =
  /(?:^|\n)\s*(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

function externalImports(entry, cryptoTarget) {
  const seen = new Set();
  const external = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2];
      if (specifier === '#crypto') visit(resolve(dist, cryptoTarget));
      else if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier));
      else external.add(specifier);
    }
  };
  visit(resolve(dist, entry));
  return [...external];
}

const failures = [];
for (const entry of ['index.js', 'web.js']) {
  const leaked = externalImports(entry, 'crypto/web.js').filter((specifier) => BUILTIN.test(specifier));
  if (leaked.length > 0) failures.push(`dist/${entry} (default variant) imports ${leaked.join(', ')}`);
}
const nodeVariant = externalImports('index.js', 'crypto/node.js');
if (!nodeVariant.includes('node:crypto'))
  failures.push(`dist/index.js (node variant) does not reach node:crypto`);

if (failures.length > 0) {
  console.error(`check-web-build failed:\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log('check-web-build: default variant has no node: imports; node variant uses node:crypto');
