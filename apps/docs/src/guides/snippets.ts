import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Snippet sources live in src/snippets as real files: the tests execute exactly what the pages show. */
export const snippetsDir = fileURLToPath(new URL('../snippets/', import.meta.url));

export function readSnippet(relativePath: string): string {
  return readFileSync(`${snippetsDir}${relativePath}`, 'utf8').trimEnd();
}
