// Finds the releasable packages of the monorepo and packs them the way `pnpm publish` would.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

const SCOPE = '@taskhooks/';

/**
 * Every non-private `packages/*` package, classified:
 * - `skip`: no `src/index.ts` yet (package not started), so nothing to ship;
 * - `fail`: has sources but no built entry point, i.e. the build did not run or broke;
 * - `ready`: built and packable.
 */
export function discoverPackages() {
  const packagesDir = join(repoRoot, 'packages');
  const found = [];
  for (const entry of readdirSync(packagesDir, { withFileTypes: true })) {
    const dir = join(packagesDir, entry.name);
    const manifestPath = join(dir, 'package.json');
    if (!entry.isDirectory() || !existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (manifest.private) continue;
    const pkg = { name: manifest.name, dir, manifest, internalDeps: internalDependencies(manifest) };
    if (!existsSync(join(dir, 'src/index.ts'))) {
      found.push({ ...pkg, status: 'skip', reason: 'no src/index.ts yet' });
      continue;
    }
    const missing = builtEntryPoints(manifest).filter((file) => !existsSync(join(dir, file)));
    if (missing.length > 0) {
      found.push({
        ...pkg,
        status: 'fail',
        reason: `not built: missing ${missing.join(', ')} (run the build)`,
      });
      continue;
    }
    found.push({ ...pkg, status: 'ready' });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/** Runtime dependencies on sibling packages; these must come from our tarballs, never the registry. */
function internalDependencies(manifest) {
  const deps = { ...manifest.dependencies, ...manifest.peerDependencies };
  return Object.keys(deps).filter((name) => name.startsWith(SCOPE));
}

/** The files a consumer resolves through `exports["."]` (types + runtime), relative to the package. */
function builtEntryPoints(manifest) {
  const root = manifest.exports?.['.'];
  const files = typeof root === 'string' ? [root] : [root?.types, root?.import, root?.default];
  return files.filter((file) => typeof file === 'string' && !file.includes('*'));
}

function pnpmCommand() {
  const local = join(repoRoot, 'node_modules/.bin/pnpm');
  return existsSync(local) ? [local, []] : ['npx', ['-y', 'pnpm@10.34.8']];
}

/** `pnpm pack` rewrites `workspace:^` ranges to real versions, exactly as publishing does. */
export function packPackage(pkg, destination) {
  const [command, prefix] = pnpmCommand();
  const output = execFileSync(command, [...prefix, 'pack', '--pack-destination', destination, '--json'], {
    cwd: pkg.dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const packed = JSON.parse(output.slice(output.indexOf('{')));
  const files = packed.files.map((file) => file.path);
  const manifest = JSON.parse(
    execFileSync('tar', ['-xOzf', packed.filename, 'package/package.json'], { encoding: 'utf8' }),
  );
  const leftovers = Object.entries({ ...manifest.dependencies, ...manifest.peerDependencies })
    .filter(([, range]) => String(range).startsWith('workspace:'))
    .map(([name, range]) => `${name}@${range}`);
  if (leftovers.length > 0) {
    throw new Error(`packed manifest still has workspace ranges: ${leftovers.join(', ')}`);
  }
  return { tarball: packed.filename, files, manifest };
}

/** Generated JSON Schema files in the repo, as `./json-schema/*` subpaths a consumer can import. */
export function generatedJsonSchemas(pkg) {
  const base = join(pkg.dir, 'generated/json-schema');
  if (!existsSync(base)) return [];
  return readdirSync(base, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.json'))
    .map((file) => relative(base, join(base, file)).split('\\').join('/'))
    .sort();
}
