import { readFileSync } from 'node:fs';
import { apiProcedures } from '@taskhooks/sender-client';
import { describe, expect, it } from 'vitest';
import { restOperations } from '../rest/index.js';
import { ENCRYPTION_KEY_VAR, OLD_ENCRYPTION_KEYS_VAR } from '../security/encryption-keys.js';
import { envSchema, loadConfig } from './env.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const quickstart = readFileSync(
  new URL('../../../../packages/sender-client/examples/quickstart.ts', import.meta.url),
  'utf8',
);

/** Rows of the README's configuration table: name → default cell. */
function documentedVariables(): Map<string, string> {
  const rows = [...readme.matchAll(/^\|\s*`([A-Z][A-Z0-9_]+)`\s*\|([^|]*)\|/gm)];
  return new Map(rows.map((row) => [row[1]!, row[2]!.trim()]));
}

describe('apps/sender/README.md', () => {
  it('documents every environment variable the sender reads, and no other', () => {
    const read = [...Object.keys(envSchema.shape), ENCRYPTION_KEY_VAR, OLD_ENCRYPTION_KEYS_VAR].sort();
    expect([...documentedVariables().keys()].sort()).toEqual(read);
  });

  it('states each default the config schema applies', () => {
    const defaults = loadConfig({}) as Record<string, unknown>;
    for (const [name, cell] of documentedVariables()) {
      const value = defaults[name];
      if (value === undefined) expect(cell, name).toMatch(/^—/);
      else expect(cell, name).toBe(`\`${String(value)}\``);
    }
  });

  it('lists every procedure and every REST route', () => {
    for (const procedure of Object.keys(apiProcedures))
      expect(readme).toMatch(new RegExp(`\\|\\s*\`${procedure.replace('.', '\\.')}\`\\s*\\|`));
    for (const operation of restOperations())
      expect(readme).toContain(`\`${operation.method} ${operation.path}\``);
  });

  it('shows the typed client example exactly as the client package runs it', () => {
    expect(readme).toContain(`\`\`\`ts\n${quickstart}\`\`\``);
  });
});
