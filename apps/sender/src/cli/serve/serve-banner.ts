import type { Style } from '../output/colors.js';
import { formatTable } from '../output/format.js';

export interface ServeFacts {
  version: string;
  mode: string;
  database: string;
  url: string;
  portal: string | null;
  docs: string | null;
  tenant: { id: string; created: boolean } | null;
  /** Only on the start that generated it. */
  adminKey: { key: string; file: string } | null;
  adminKeySource: string;
}

/** Where everything is, for the JSON line of `serve --json`. */
export function serveJson(facts: ServeFacts) {
  return {
    type: 'ready',
    version: facts.version,
    mode: facts.mode,
    database: facts.database,
    api: facts.url,
    rest: `${facts.url}/api`,
    openapi: `${facts.url}/api/openapi.json`,
    trpc: `${facts.url}/trpc`,
    portal: facts.portal,
    docs: facts.docs,
    metrics: `${facts.url}/metrics`,
    readyz: `${facts.url}/readyz`,
    tenant: facts.tenant?.id ?? null,
    adminKey: facts.adminKey?.key ?? null,
  };
}

/** The start-up banner: what runs where, and the admin key the one time it is new. */
export function serveBanner(style: Style, facts: ServeFacts): string[] {
  const { url } = facts;
  const rows = [
    ['API', url],
    ['REST', `${url}/api  ${style.dim(`(OpenAPI: ${url}/api/openapi.json)`)}`],
    ['tRPC', `${url}/trpc`],
    ...(facts.portal
      ? [['Portal', `${facts.portal}  ${style.dim(`(tenant ${facts.tenant?.id ?? '?'})`)}`]]
      : []),
    ...(facts.docs ? [['Docs', facts.docs]] : []),
    ['Metrics', `${url}/metrics`],
    ['Health', `${url}/livez  ${url}/readyz`],
  ].map(([label, value]) => [`  ${style.bold(label!)}`, value!]);
  const lines = [
    `${style.green('taskhooks')} ${facts.version} is running ${style.dim(`(${facts.mode} mode, ${facts.database})`)}`,
    '',
    ...formatTable(rows),
    '',
  ];
  if (facts.tenant) {
    lines.push(
      `  Tenant "${facts.tenant.id}" ${facts.tenant.created ? 'created' : 'ready'} for the CLI's defaults.`,
    );
  }
  if (facts.adminKey) {
    lines.push(
      `  ${style.bold('Admin key')} ${style.yellow(facts.adminKey.key)}`,
      style.dim(
        `  Shown this once; it is kept in ${facts.adminKey.file} (mode 0600). Set TASKHOOKS_ADMIN_KEY to choose your own.`,
      ),
    );
  } else {
    lines.push(style.dim(`  Admin key: from ${facts.adminKeySource}`));
  }
  lines.push(
    '',
    // From the repository root, where the CLI finds this sender's admin key.
    `  Try: ${style.cyan('npm run -s taskhooks -- listen --forward-to http://localhost:3000/webhooks')}`,
    `       ${style.cyan('npm run -s taskhooks -- trigger plan.completed')}`,
    style.dim('  Ctrl-C stops (in-flight deliveries finish first).'),
  );
  return lines;
}
