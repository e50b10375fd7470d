/**
 * Builds the docs site into apps/docs/dist (or the folder given with --out).
 *   pnpm --filter @taskhooks/docs build
 */
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSite } from '../src/build/build-site.js';

const appRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const outFlag = process.argv.indexOf('--out');
const outDir =
  outFlag > -1 && process.argv[outFlag + 1]
    ? resolve(process.argv[outFlag + 1] as string)
    : join(appRoot, 'dist');

try {
  const summary = buildSite({ outDir });
  console.log(
    `Built ${summary.pages} pages (${summary.files} files) for ${summary.models} models / ${summary.events} events into ${relative(process.cwd(), summary.outDir) || '.'}; ${summary.examplesValidated} examples passed validateOutgoing.`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
