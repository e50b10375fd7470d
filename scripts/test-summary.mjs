// Sums the JSON reports vitest wrote for every package (test-results/vitest.json) into one line.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

let passed = 0;
let failed = 0;
let skipped = 0;
const rows = [];
for (const group of ['packages', 'apps']) {
  if (!existsSync(group)) continue;
  for (const name of readdirSync(group)) {
    const dir = join(group, name, 'test-results');
    if (!existsSync(dir)) continue;
    // vitest.json is the package's suite; vitest-<suite>.json are extra suites (e.g. reliability).
    for (const file of readdirSync(dir)
      .filter((f) => /^vitest(-[a-z-]+)?\.json$/.test(f))
      .sort()) {
      const report = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      passed += report.numPassedTests;
      failed += report.numFailedTests;
      skipped += report.numPendingTests + (report.numTodoTests ?? 0);
      const suite = file === 'vitest.json' ? '' : ` (${file.slice(7, -5)})`;
      rows.push(
        `  ${group}/${name}${suite}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`,
      );
    }
  }
}
console.log(rows.join('\n'));
if (passed + failed === 0) {
  console.log('no test results found');
  process.exit(1);
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
