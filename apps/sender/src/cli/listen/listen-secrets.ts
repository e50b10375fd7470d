import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { generateSecret } from '@taskhooks/signatures';
import { CliError, ExitCode } from '../exit-codes.js';

const FILE_NAME = 'listen-secrets.json';

export interface ListenTarget {
  apiUrl: string;
  tenantId: string;
  forwardTo: string;
}

interface SecretsFile {
  version: 1;
  /** `<api url> <tenant> <forward-to>` → whsec_… */
  secrets: Record<string, string>;
}

/** `$TASKHOOKS_CONFIG_DIR`, else `$XDG_CONFIG_HOME/taskhooks`, else `~/.config/taskhooks`. */
export function cliConfigDir(env: Record<string, string | undefined>): string {
  if (env.TASKHOOKS_CONFIG_DIR) return env.TASKHOOKS_CONFIG_DIR;
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'taskhooks');
}

/**
 * The signing secret of `taskhooks listen` for one (sender, tenant, forward target): generated on
 * first use and kept in the user's config folder (file 0600, folder 0700), so a receiver configured
 * with it keeps verifying after listen restarts. It is set on each new temporary endpoint.
 */
export function loadOrCreateListenSecret(
  env: Record<string, string | undefined>,
  target: ListenTarget,
): { secret: string; file: string; created: boolean } {
  const dir = cliConfigDir(env);
  const file = join(dir, FILE_NAME);
  const stored = readSecretsFile(file);
  const key = `${target.apiUrl} ${target.tenantId} ${target.forwardTo}`;
  const existing = stored.secrets[key];
  if (existing) return { secret: existing, file, created: false };
  const secret = generateSecret('standard-webhooks');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const next: SecretsFile = { version: 1, secrets: { ...stored.secrets, [key]: secret } };
  // Written beside and renamed over, so a crash never leaves half a file (and every secret lost).
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
  return { secret, file, created: true };
}

function readSecretsFile(file: string): SecretsFile {
  if (!existsSync(file)) return { version: 1, secrets: {} };
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<SecretsFile>;
    if (parsed && typeof parsed.secrets === 'object' && parsed.secrets !== null) {
      return { version: 1, secrets: parsed.secrets };
    }
  } catch {
    // Reported below: overwriting it would silently change every stored secret.
  }
  throw new CliError(
    `${file} is not a taskhooks listen secrets file; move it away to start afresh`,
    ExitCode.failure,
  );
}
