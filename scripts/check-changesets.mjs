// Checks every changeset has the front matter `changeset version` reads: a `---` block of
// `"@taskhooks/<package>": patch|minor|major` lines naming published packages. A markdown
// formatter once turned that block into a heading, which silently dropped every release note.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const published = new Set(
  readdirSync('packages')
    .filter((dir) => existsSync(join('packages', dir, 'package.json')))
    .map((dir) => JSON.parse(readFileSync(join('packages', dir, 'package.json'), 'utf8')))
    .filter((pkg) => !pkg.private)
    .map((pkg) => pkg.name),
);
const problems = [];
const files = readdirSync('.changeset').filter((file) => file.endsWith('.md') && file !== 'README.md');
for (const file of files) {
  const text = readFileSync(join('.changeset', file), 'utf8');
  const match = /^---\n((?:.+\n)+?)---\n\n\S/.exec(text);
  if (!match) {
    problems.push(`${file}: must start with a "---" front matter block, then a blank line and the summary`);
    continue;
  }
  for (const line of match[1].trimEnd().split('\n')) {
    const release = /^"(@taskhooks\/[a-z0-9-]+)": (patch|minor|major)$/.exec(line);
    if (!release)
      problems.push(
        `${file}: front matter line ${JSON.stringify(line)} is not "<package>": patch|minor|major`,
      );
    else if (!published.has(release[1])) problems.push(`${file}: ${release[1]} is not a published package`);
  }
}
if (problems.length > 0) {
  console.error(`changesets: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`changesets: ${files.length} valid (${[...published].join(', ')})`);
