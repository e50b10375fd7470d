import http from 'node:http';
import fc from 'fast-check';
import type { FuzzResult, ReliabilityScale } from '../result-types.js';
import { type SenderUnderTest, startSenderUnderTest } from '../support/sender-under-test.js';
import { type BodyCase, bodyCaseArbitrary, bodyRoutes } from './body-cases.js';
import { FuzzTally, forEachLimited, issuesOf, messageOf, runInChunks } from './fuzz-tally.js';

const TENANT = 'fuzz-bodies';
/** TASKHOOKS_MAX_PAYLOAD_BYTES (default 256 KiB) × 2 + 64 KiB: the request body limit. */
const BODY_LIMIT = 256 * 1024 * 2 + 64 * 1024;
const TABLES = ['messages', 'endpoints', 'tenants', 'api_keys'] as const;

/**
 * tRPC and REST bodies: malformed JSON, wrong types, missing fields, deep nesting, oversized (with
 * and without Content-Length) and mislabelled bodies. Every case must get the 4xx it deserves with a
 * message (and the field, where there is one), nothing may be stored, and the server must live on.
 */
export async function fuzzApiBodies(scale: ReliabilityScale, seed: number): Promise<FuzzResult> {
  const tally = new FuzzTally('tRPC/REST bodies');
  const sender = await startSenderUnderTest('fuzz-bodies', { TASKHOOKS_RATE_LIMIT: 'off' });
  try {
    await sender.trpc('tenants.create', { id: TENANT, name: 'Fuzz bodies' });
    const endpoint = await sender.trpc('endpoints.create', {
      tenantId: TENANT,
      url: 'http://127.0.0.1:30000/x',
      model: 'task_events_v1',
    });
    const endpointId = (endpoint.json as { result: { data: { endpoint: { id: string } } } }).result.data
      .endpoint.id;
    const routes = bodyRoutes(TENANT, endpointId);
    const cases = fc.sample(bodyCaseArbitrary(routes, BODY_LIMIT), {
      numRuns: scale === 'full' ? 10_000 : 300,
      seed,
    });
    const endpointRow = () => JSON.stringify(sender.sql('SELECT * FROM endpoints WHERE id = ?', endpointId));
    const rowBefore = endpointRow();
    await runInChunks(sender, tally, cases, async (chunk) => {
      const before = TABLES.map((table) => sender.count(table));
      await forEachLimited(chunk, 6, async (c) => tally.record(c.kind, await runCase(sender, c)));
      const after = TABLES.map((table) => sender.count(table));
      TABLES.forEach((table, i) => {
        if (after[i] !== before[i])
          tally.fail(`${table} changed from ${before[i]} to ${after[i]} on refused bodies`);
      });
    });
    if (endpointRow() !== rowBefore) tally.fail('refused updates changed the endpoint');
  } finally {
    await sender.stop();
  }
  return tally.result();
}

async function runCase(sender: SenderUnderTest, c: BodyCase): Promise<string | null> {
  const what = `${c.route.name} ${c.kind} (${c.body.length} bytes)`;
  let status: number;
  let text: string;
  try {
    ({ status, text } = await sendBody(sender, c));
  } catch (error) {
    return `${what}: no HTTP answer (${String(error).slice(0, 120)})`;
  }
  if (!c.expected.includes(status))
    return `${what}: expected ${c.expected.join('/')}, got ${status} ${text.slice(0, 200)}`;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return `${what}: ${status} without a JSON error body`;
  }
  if (messageOf(json) === '') return `${what}: ${status} without an error message`;
  if (c.field && status === 400) {
    const paths = issuesOf(json).map((issue) => issue.path);
    const named = paths.some((path) => path === c.field || path.startsWith(`${c.field}.`));
    if (!named) return `${what}: 400 issues ${paths.join(',') || '(none)'} do not name ${c.field}`;
  }
  return null;
}

/**
 * Sends the body the way a plain HTTP client does (node:http), chunked when asked. The server may
 * answer 413 and close before the whole body is written; the answer still counts, as it would for
 * curl — only a missing answer is a failure.
 */
function sendBody(sender: SenderUnderTest, c: BodyCase): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const bytes = Buffer.from(c.body, 'utf8');
    const headers: Record<string, string> = {
      authorization: `Bearer ${sender.adminKey}`,
      'content-type': c.contentType,
      ...(c.chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(bytes.length) }),
    };
    let answered = false;
    const req = http.request(`${sender.url}${c.route.path}`, { method: c.route.method, headers }, (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error('timed out')));
    req.on('error', (error) => {
      if (!answered) setTimeout(() => answered || reject(error), 200);
    });
    for (let offset = 0; offset < bytes.length; offset += 64 * 1024) {
      if (req.destroyed) break;
      req.write(bytes.subarray(offset, offset + 64 * 1024));
    }
    req.end();
  });
}
