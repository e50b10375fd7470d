import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_KEY_FILE, readAdminKey } from '../../auth/admin-key.js';
import { SENDER_VERSION } from '../../delivery/build-request.js';
import type { CommandInput } from '../args/command-spec.js';
import type { serveOptions } from '../commands/serve.js';
import { ensureExampleTenant } from '../serve/example-tenant.js';
import { isServed } from '../serve/is-served.js';
import { createAppForCli, loadConfigForCli } from '../serve/load-config.js';
import { runUntilSignal } from '../serve/run-until-signal.js';
import { serveBanner, serveJson } from '../serve/serve-banner.js';

/** `taskhooks serve`: API + worker (+ portal, docs) until SIGINT/SIGTERM; prints where everything is. */
export async function runServe({ output, env, signal }: CommandInput<typeof serveOptions>): Promise<number> {
  const config = loadConfigForCli(env);
  const keyFile = join(config.TASKHOOKS_DATA_DIR, ADMIN_KEY_FILE);
  const keyIsNew = !config.TASKHOOKS_ADMIN_KEY && !existsSync(keyFile);
  const app = await createAppForCli({ config, api: true, worker: true });
  const production = config.TASKHOOKS_MODE === 'production';
  await runUntilSignal(app, signal, async (url) => {
    const tenant = await ensureExampleTenant(app.store, config);
    const generated = keyIsNew ? adminKeyFileOf(config.TASKHOOKS_DATA_DIR) : null;
    // In production stdout is a log stream: a generated admin key is named by its file, never
    // printed, and a portal link (a login token) is not printed either.
    if (production && generated)
      app.logger.warn({ file: generated.file }, 'admin key generated; read it from the file');
    const facts = {
      version: SENDER_VERSION,
      mode: config.TASKHOOKS_MODE,
      database: config.DATABASE_URL ? 'PostgreSQL' : `SQLite in ${config.TASKHOOKS_DATA_DIR}`,
      url,
      portal: tenant && !production ? app.createPortalLink({ tenantId: tenant.id }) : null,
      docs: (await isServed(url, '/docs/')) ? `${url}/docs/` : null,
      tenant,
      adminKey: production ? null : generated,
      adminKeySource: config.TASKHOOKS_ADMIN_KEY ? 'TASKHOOKS_ADMIN_KEY' : keyFile,
    };
    // Where stdout is a log collector's (production, not a terminal), only JSON lines go there.
    if (!production || process.stdout.isTTY)
      for (const line of serveBanner(output.style, facts)) output.say(line);
    output.emit(serveJson(facts));
  });
  return 0;
}

/** The admin key `serve` just generated into the data directory, to show it once. */
function adminKeyFileOf(dataDir: string): { key: string; file: string } | null {
  const admin = readAdminKey(undefined, dataDir);
  return admin ? { key: admin.key, file: admin.source } : null;
}
