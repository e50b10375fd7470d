#!/usr/bin/env node
// Consumer smoke test: installs the packed tarballs of every releasable package into a fresh
// project with plain npm (as a user would) and uses them from ESM, CommonJS and TypeScript.
// Catches what unit tests cannot: missing files in `files`, broken `exports`, leftover
// `workspace:` ranges, types that only compile inside the monorepo.
//
// Usage: node scripts/consumer-smoke.mjs [--keep]   (--keep leaves the temp project for debugging)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { cjsProbe, esmProbe, hasSpecificProbe, typesProbe } from './consumer-smoke/probes.mjs';
import { discoverPackages, generatedJsonSchemas, packPackage } from './consumer-smoke/workspace.mjs';

const TYPESCRIPT_VERSION = '5.9.3';
const TYPES_NODE_RANGE = '^20.19.0';
const keep = process.argv.includes('--keep');
const started = Date.now();
const tally = { pass: 0, fail: 0, skip: 0 };

function report(status, what, detail = '') {
  tally[status.toLowerCase()] += 1;
  console.log(`${status.padEnd(4)} ${what}${detail ? ` — ${detail}` : ''}`);
}

function indent(text) {
  return String(text)
    .trim()
    .split('\n')
    .slice(-40)
    .map((line) => `     | ${line}`)
    .join('\n');
}

/** Runs a command in the consumer project; returns { ok, stdout, output } instead of throwing. */
function run(cwd, command, args) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const stdout = result.stdout ?? '';
  const output = `${stdout}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`;
  return { ok: result.status === 0, stdout, output };
}

function slug(name) {
  return name.replace(/^@/, '').replace(/\//g, '__');
}

/** Every internal dependency must be packed too, or npm would silently fetch it from the registry. */
function checkDependencyClosure(ready) {
  const names = new Set(ready.map((pkg) => pkg.name));
  return ready.filter((pkg) => {
    const absent = pkg.internalDeps.filter((dep) => !names.has(dep));
    if (absent.length === 0) return true;
    report('FAIL', `deps ${pkg.name}`, `depends on ${absent.join(', ')}, which is not packable`);
    return false;
  });
}

function packAll(packages, tarballDir) {
  const packed = [];
  for (const pkg of packages) {
    try {
      const result = packPackage(pkg, tarballDir);
      const hasTypes = result.files.some((file) => file.startsWith('dist/') && file.endsWith('.d.ts'));
      if (!hasTypes) throw new Error('tarball contains no dist/*.d.ts');
      report('PASS', `pack ${pkg.name}`, `${basename(result.tarball)}, ${result.files.length} files`);
      packed.push({ ...pkg, ...result });
    } catch (error) {
      report('FAIL', `pack ${pkg.name}`, error.stderr?.trim() || error.message);
    }
  }
  return packed;
}

function writeConsumerProject(projectDir, packed) {
  const tarballs = Object.fromEntries(packed.map((pkg) => [pkg.name, `file:${pkg.tarball}`]));
  const manifest = {
    name: 'taskhooks-consumer-smoke',
    version: '0.0.0',
    private: true,
    type: 'module',
    dependencies: tarballs,
    devDependencies: { '@types/node': TYPES_NODE_RANGE, typescript: TYPESCRIPT_VERSION },
    // Sibling ranges like "^0.1.0" inside the tarballs must also resolve to our local files.
    overrides: tarballs,
  };
  writeFileSync(join(projectDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Walks `npm ls --all --json` and checks every copy of our packages comes from our tarball. */
function checkInstalledFromTarballs(projectDir, packed) {
  const ls = run(projectDir, 'npm', ['ls', '--all', '--json']);
  let tree;
  try {
    tree = JSON.parse(ls.stdout);
  } catch {
    report('FAIL', 'npm ls', `unreadable output\n${indent(ls.output)}`);
    return;
  }
  if (!ls.ok) report('FAIL', 'npm ls', `reports problems\n${indent(JSON.stringify(tree.problems ?? tree))}`);
  const expected = new Map(packed.map((pkg) => [pkg.name, basename(pkg.tarball)]));
  const seen = new Map();
  const visit = (dependencies = {}, via) => {
    for (const [name, node] of Object.entries(dependencies)) {
      if (expected.has(name)) {
        const origin = node.resolved ?? '(deduped)';
        if (node.resolved && !node.resolved.endsWith(expected.get(name))) {
          report('FAIL', `npm ls ${name}`, `${via} got ${origin}, expected the local ${expected.get(name)}`);
        }
        seen.set(name, [...(seen.get(name) ?? []), `${via}: ${origin}`]);
      }
      visit(node.dependencies, name);
    }
  };
  visit(tree.dependencies, 'consumer');
  for (const [name, tarball] of expected) {
    const copies = (seen.get(name) ?? []).filter((entry) => !entry.endsWith('(deduped)'));
    if (copies.length === 1) report('PASS', `npm ls ${name}`, `one copy, from ${tarball}`);
    else
      report(
        'FAIL',
        `npm ls ${name}`,
        `expected one copy from ${tarball}, found: ${copies.join('; ') || 'none'}`,
      );
  }
}

function runRuntimeProbes(projectDir, packed) {
  for (const pkg of packed) {
    const context = { jsonSchemas: generatedJsonSchemas(pkg) };
    const probeKind = hasSpecificProbe(pkg.name) ? 'api calls' : 'generic: exports functions';
    for (const [kind, source] of [
      ['esm', esmProbe(pkg.name, context)],
      ['cjs', cjsProbe(pkg.name, context)],
    ]) {
      const file = `${slug(pkg.name)}.${kind === 'esm' ? 'mjs' : 'cjs'}`;
      writeFileSync(join(projectDir, file), source);
      // require(esm) is stable from Node 20.19 but still warns on some lines; the warning is expected.
      const result = run(projectDir, process.execPath, ['--disable-warning=ExperimentalWarning', file]);
      if (result.ok) report('PASS', `${kind} ${pkg.name}`, probeKind);
      else report('FAIL', `${kind} ${pkg.name}`, `node ${file}\n${indent(result.output)}`);
    }
  }
}

// Type-checking every .d.ts (ours, zod's, @types/node) costs ~10s, so only the node16 pass does it;
// that is enough to catch a broken published declaration, the bundler pass checks resolution.
const TSCONFIG_VARIANTS = [
  {
    label: 'module/moduleResolution node16 (+ .d.ts check)',
    module: 'node16',
    moduleResolution: 'node16',
    skipLibCheck: false,
  },
  {
    label: 'module esnext + moduleResolution bundler',
    module: 'esnext',
    moduleResolution: 'bundler',
    skipLibCheck: true,
  },
];

function runTypeScriptProbes(projectDir, packed) {
  const files = packed.map((pkg) => {
    const file = `${slug(pkg.name)}.ts`;
    writeFileSync(join(projectDir, file), typesProbe(pkg.name, {}));
    return file;
  });
  const tsc = join(projectDir, 'node_modules/typescript/bin/tsc');
  for (const variant of TSCONFIG_VARIANTS) {
    const config = `tsconfig.${variant.moduleResolution}.json`;
    const compilerOptions = {
      module: variant.module,
      moduleResolution: variant.moduleResolution,
      target: 'es2022',
      lib: ['es2023'],
      types: ['node'],
      strict: true,
      noEmit: true,
      skipLibCheck: variant.skipLibCheck,
    };
    writeFileSync(join(projectDir, config), JSON.stringify({ compilerOptions, files }, null, 2));
    const result = run(projectDir, process.execPath, [tsc, '-p', config]);
    if (result.ok) report('PASS', `tsc ${variant.label}`, `${files.length} consumer file(s)`);
    else report('FAIL', `tsc ${variant.label}`, `\n${indent(result.output)}`);
  }
}

function main() {
  console.log(`consumer smoke (node ${process.version})`);
  const discovered = discoverPackages();
  for (const pkg of discovered) {
    if (pkg.status === 'skip') report('SKIP', pkg.name, pkg.reason);
    if (pkg.status === 'fail') report('FAIL', pkg.name, pkg.reason);
  }
  const candidates = checkDependencyClosure(discovered.filter((pkg) => pkg.status === 'ready'));
  if (candidates.length === 0) {
    report('FAIL', 'consumer smoke', 'no built releasable package to test');
    return;
  }
  const workDir = mkdtempSync(join(tmpdir(), 'taskhooks-smoke-'));
  const tarballDir = join(workDir, 'tarballs');
  const projectDir = join(workDir, 'consumer');
  mkdirSync(tarballDir);
  mkdirSync(projectDir);
  try {
    // A dependent of a package that failed to pack is dropped too, so npm never falls back to the registry.
    const packed = checkDependencyClosure(packAll(candidates, tarballDir));
    if (packed.length === 0) return;
    writeConsumerProject(projectDir, packed);
    const install = run(projectDir, 'npm', ['install', '--no-audit', '--no-fund']);
    if (!install.ok) {
      report('FAIL', 'npm install', `tarballs + typescript@${TYPESCRIPT_VERSION}\n${indent(install.output)}`);
      return;
    }
    report('PASS', 'npm install', `${packed.length} tarball(s) + typescript@${TYPESCRIPT_VERSION}`);
    checkInstalledFromTarballs(projectDir, packed);
    runRuntimeProbes(projectDir, packed);
    runTypeScriptProbes(projectDir, packed);
  } finally {
    if (keep) console.log(`kept ${workDir}`);
    else rmSync(workDir, { recursive: true, force: true });
  }
}

main();
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`\nconsumer smoke finished in ${seconds}s`);
console.log(`smoke: ${tally.pass} passed, ${tally.fail} failed, ${tally.skip} skipped`);
process.exitCode = tally.fail > 0 ? 1 : 0;
