import fc from 'fast-check';
import type { FuzzResult, ReliabilityScale } from '../result-types.js';
import { secretLedger } from '../support/secret-ledger.js';
import { type HttpAnswer, type SenderUnderTest, startSenderUnderTest } from '../support/sender-under-test.js';
import { type EndpointCase, endpointCaseArbitrary } from './endpoint-cases.js';
import { FuzzTally, forEachLimited, issuesOf, messageOf, runInChunks } from './fuzz-tally.js';

const TENANT = 'fuzz-endpoints';
/** Accepted secrets and header values registered for the secret scan (a sample: the scan is per token). */
const MAX_REGISTERED = 2_000;

interface EndpointRow {
  url: string;
  method: string;
  secrets_sealed: string;
  updated_at: number;
}

/**
 * Endpoint create/update inputs (URLs of every scheme, credentials, huge, IDN, blocked addresses;
 * methods; header JSON with CRLF injection, hop-by-hop names, huge values) over tRPC and REST. Good
 * inputs must be stored as given; a bad part must get a 400 naming that field, leaving nothing
 * created and the updated endpoint untouched.
 */
export async function fuzzEndpointInputs(scale: ReliabilityScale, seed: number): Promise<FuzzResult> {
  const tally = new FuzzTally('endpoint create/update inputs');
  const cases = fc.sample(endpointCaseArbitrary(), { numRuns: scale === 'full' ? 10_000 : 300, seed });
  const sender = await startSenderUnderTest('fuzz-endpoints', { TASKHOOKS_RATE_LIMIT: 'off' });
  try {
    const created = await sender.trpc('tenants.create', { id: TENANT, name: 'Fuzz endpoints' });
    if (created.status !== 200) throw new Error(`tenants.create answered ${created.status}`);
    await runInChunks(sender, tally, cases, (chunk) => runChunk(sender, chunk, tally));
  } finally {
    await sender.stop();
  }
  return tally.result();
}

async function runChunk(sender: SenderUnderTest, cases: EndpointCase[], tally: FuzzTally): Promise<void> {
  // One target endpoint per update case, so concurrent updates never touch the same row.
  const targets = await Promise.all(
    cases.map(async (c) => (c.op === 'update' ? createTarget(sender) : null)),
  );
  const before = sender.count('endpoints');
  let createsAccepted = 0;
  await forEachLimited(cases, 8, async (c, index) => {
    const viaRest = index % 2 === 1;
    const target = targets[index] ?? null;
    const rowBefore = target ? rowOf(sender, target) : null;
    const input = inputOf(c);
    const answer =
      c.op === 'create'
        ? viaRest
          ? await sender.request('POST', '/api/endpoints', {
              body: { tenantId: TENANT, model: 'task_events_v1', ...input },
            })
          : await sender.trpc('endpoints.create', { tenantId: TENANT, model: 'task_events_v1', ...input })
        : viaRest
          ? await sender.request('PATCH', `/api/endpoints/${target}`, { body: input })
          : await sender.trpc('endpoints.update', { endpointId: target, ...input });
    const what = `${viaRest ? 'REST' : 'tRPC'} ${c.op} [${c.kinds.join(', ')}]`;
    let problem = judge(c, answer, what);
    if (problem === null && c.badFields.length === 0) {
      if (c.op === 'create') {
        createsAccepted++;
        const body = (answer.json as { result?: { data?: unknown } }).result?.data ?? answer.json;
        const secret = (body as { secret?: string }).secret;
        if (typeof secret !== 'string') problem = `${what}: accepted without a secret shown once`;
        register(secret, c);
      } else {
        const row = rowOf(sender, target!);
        if (c.url.value !== undefined && row?.url !== new URL(c.url.value).href && row?.url !== c.url.value) {
          problem = `${what}: accepted, but the stored URL is ${row?.url}`;
        }
        register(undefined, c);
      }
    }
    if (problem === null && c.op === 'update' && c.badFields.length > 0) {
      const rowAfter = rowOf(sender, target!);
      if (JSON.stringify(rowAfter) !== JSON.stringify(rowBefore))
        problem = `${what}: refused, but the endpoint changed`;
    }
    tally.record(c.badFields.length === 0 ? `accepted ${c.op}` : `rejected ${c.op}`, problem);
  });
  const after = sender.count('endpoints');
  if (after - before !== createsAccepted) {
    tally.fail(`endpoints grew by ${after - before}, but ${createsAccepted} creates were accepted`);
  }
}

function judge(c: EndpointCase, answer: HttpAnswer, what: string): string | null {
  // Header values are secrets: no answer (accepted or refused) may repeat one.
  const values =
    typeof c.headers.value === 'object' && c.headers.value !== null ? Object.values(c.headers.value) : [];
  if (values.some((v) => typeof v === 'string' && v.length >= 16 && answer.text.includes(v.slice(0, 16)))) {
    return `${what}: the answer repeats a custom header value`;
  }
  if (answer.status >= 500) return `${what} → ${answer.status} (server error) ${answer.text.slice(0, 200)}`;
  if (c.badFields.length === 0) {
    return answer.status === 200 || answer.status === 201
      ? null
      : `${what}: valid → ${answer.status} ${answer.text.slice(0, 300)}`;
  }
  if (answer.status !== 400)
    return `${what}: expected 400, got ${answer.status} ${answer.text.slice(0, 300)}`;
  const paths = issuesOf(answer.json).map((i) => i.path);
  if (messageOf(answer.json) === '' || paths.length === 0)
    return `${what}: 400 without a message or issue paths`;
  const named = paths.some((path) =>
    c.badFields.some((field) => path === field || path.startsWith(`${field}.`)),
  );
  return named ? null : `${what}: issues ${paths.join(',')} name none of ${c.badFields.join(',')}`;
}

function inputOf(c: EndpointCase): Record<string, unknown> {
  const input: Record<string, unknown> = { method: c.method.value, headers: c.headers.value };
  if (c.op === 'create' || c.url.value !== undefined) input.url = c.url.value;
  return input;
}

let registered = 0;
function register(secret: string | undefined, c: EndpointCase): void {
  if (registered >= MAX_REGISTERED) return;
  registered++;
  secretLedger.addSecret(secret);
  // Each generated value starts with a random 16-character token: that is what is scanned for.
  for (const value of Object.values((c.headers.value ?? {}) as Record<string, string>))
    secretLedger.addSecret(value.slice(0, 16));
}

async function createTarget(sender: SenderUnderTest): Promise<string> {
  const answer = await sender.trpc('endpoints.create', {
    tenantId: TENANT,
    url: 'http://127.0.0.1:30000/target',
    model: 'task_events_v1',
  });
  const data = (answer.json as { result?: { data?: { endpoint: { id: string }; secret: string } } }).result
    ?.data;
  if (!data) throw new Error(`creating an update target answered ${answer.status}`);
  secretLedger.addSecret(data.secret);
  return data.endpoint.id;
}

function rowOf(sender: SenderUnderTest, id: string): EndpointRow | undefined {
  return sender.sql<EndpointRow>(
    'SELECT url, method, secrets_sealed, updated_at FROM endpoints WHERE id = ?',
    id,
  )[0];
}
