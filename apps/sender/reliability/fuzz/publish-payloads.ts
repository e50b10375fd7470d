import fc from 'fast-check';
import type { FuzzResult, ReliabilityScale } from '../result-types.js';
import { type HttpAnswer, type SenderUnderTest, startSenderUnderTest } from '../support/sender-under-test.js';
import { chunks, FuzzTally, forEachLimited, issuesOf, messageOf, runInChunks } from './fuzz-tally.js';
import { related } from './json-paths.js';
import {
  type Expected,
  expectedAnswer,
  FUZZ_TENANT,
  type PublishCase,
  publishCaseArbitrary,
} from './publish-cases.js';

const MAX_PAYLOAD_BYTES = 256 * 1024;
/** The request body limit: TASKHOOKS_MAX_PAYLOAD_BYTES × 2 + 64 KiB. */
const BODY_LIMIT = MAX_PAYLOAD_BYTES * 2 + 64 * 1024;
const TENANT = FUZZ_TENANT;
/** Valid payloads up to this size share a publishBatch call; bigger ones go alone (body limit). */
const BATCH_ITEM_BYTES = 8 * 1024;

interface Planned {
  c: PublishCase;
  expected: Expected;
}

/**
 * Publish payloads per model, mutated from the contract examples, against a real sender over HTTP.
 * Valid cases must be accepted and stored exactly once with the validated bytes; invalid ones must
 * get a 4xx whose issues list the failing paths, with nothing stored and the server still alive.
 */
export async function fuzzPublishPayloads(scale: ReliabilityScale, seed: number): Promise<FuzzResult> {
  const tally = new FuzzTally('publish payloads (per model)');
  const numRuns = scale === 'full' ? 10_000 : 300;
  const cases = fc.sample(publishCaseArbitrary(), { numRuns, seed });
  const sender = await startSenderUnderTest('fuzz-publish', { TASKHOOKS_RATE_LIMIT: 'off' });
  try {
    const created = await sender.trpc('tenants.create', { id: TENANT, name: 'Fuzz publish' });
    if (created.status !== 200) throw new Error(`tenants.create answered ${created.status}`);
    await runInChunks(sender, tally, cases, (chunk) =>
      runChunk(
        sender,
        chunk.map((c) => ({ c, expected: expectedAnswer(c, MAX_PAYLOAD_BYTES) })),
        tally,
      ),
    );
  } finally {
    await sender.stop();
  }
  return tally.result();
}

async function runChunk(sender: SenderUnderTest, planned: Planned[], tally: FuzzTally): Promise<void> {
  const before = sender.count('messages');
  const stored = new Map<string, string>(); // message id → the bytes it must have been stored with
  const valid = planned.filter((p) => p.expected.accept);
  const invalid = planned.filter((p) => !p.expected.accept);
  const small = valid.filter((p, i) => i % 7 !== 0 && storedSize(p) <= BATCH_ITEM_BYTES);
  const alone = valid.filter((p) => !small.includes(p));

  for (const batch of chunks(small, 100)) {
    const answer = await sender.trpc('events.publishBatch', {
      tenantId: TENANT,
      events: batch.map((p) => item(p.c)),
    });
    const results = (answer.json as { result?: { data?: { results?: { messageId: string }[] } } })?.result
      ?.data?.results;
    const ok = answer.status === 200 && results?.length === batch.length;
    batch.forEach((p, i) => {
      if (ok) stored.set(results![i]!.messageId, storedJson(p));
      tally.record(
        `accepted (batch)`,
        ok ? null : `valid ${p.c.kind} batch → ${answer.status} ${answer.text.slice(0, 200)}`,
      );
    });
  }
  await forEachLimited(
    [...alone.map((p) => ({ p, valid: true })), ...invalid.map((p) => ({ p, valid: false }))],
    8,
    async ({ p }, index) => {
      const answer =
        index % 2 === 0
          ? await sender.trpc('events.publish', { tenantId: TENANT, ...item(p.c) })
          : await sender.request('POST', '/api/events', { body: { tenantId: TENANT, ...item(p.c) } });
      const bodyBytes = Buffer.byteLength(JSON.stringify({ tenantId: TENANT, ...item(p.c) }));
      const problem = judgeSingle(p, answer, index % 2 === 0 ? 'tRPC' : 'REST', bodyBytes);
      if (p.expected.accept && answer.status === 200 && problem === null) {
        const id =
          (answer.json as { result?: { data?: { messageId: string } }; messageId?: string }).result?.data
            ?.messageId ?? (answer.json as { messageId?: string }).messageId;
        if (id) stored.set(id, storedJson(p));
      }
      tally.record(p.expected.accept ? 'accepted (single)' : `rejected ${p.expected.status}`, problem);
    },
  );
  // Atomicity: one invalid event makes a whole batch fail and stores none of it.
  for (const p of invalid.filter((_, i) => i % 25 === 0 && valid.length >= 3)) {
    const batch = [...valid.slice(0, 2), p, valid[2]!].map((q) => item(q.c));
    const answer = await sender.trpc('events.publishBatch', { tenantId: TENANT, events: batch });
    const paths = issuesOf(answer.json).map((i) => i.path);
    const named = paths.some((path) => path.startsWith('2.') || path.startsWith('events.2.'));
    tally.record(
      'rejected batch (atomic)',
      answer.status >= 400 && answer.status < 500 && named
        ? null
        : `batch with invalid ${p.c.kind} at index 2 → ${answer.status}, paths ${paths.join(',')}`,
    );
  }

  const after = sender.count('messages');
  if (after - before !== stored.size) {
    tally.fail(`messages grew by ${after - before}, but ${stored.size} publishes were acknowledged`);
  }
  const ids = [...stored.keys()];
  for (const group of chunks(ids, 500)) {
    const rows = sender.sql<{ id: string; payload_json: string }>(
      `SELECT id, payload_json FROM messages WHERE id IN (${group.map(() => '?').join(',')})`,
      ...group,
    );
    if (rows.length !== group.length)
      tally.fail(`${group.length - rows.length} acknowledged messages are not stored`);
    for (const row of rows) {
      if (row.payload_json !== stored.get(row.id))
        tally.fail(`message ${row.id} stored different bytes than validated`);
    }
  }
}

function judgeSingle(p: Planned, answer: HttpAnswer, via: string, bodyBytes: number): string | null {
  const what = `${via} ${p.c.kind}${p.c.mutated ? ` at ${p.c.mutated}` : ''}`;
  if (answer.status >= 500) return `${what} → ${answer.status} (server error)`;
  // A request body over the transport limit is refused before anything is parsed.
  if (bodyBytes > BODY_LIMIT) {
    return answer.status === 413 && messageOf(answer.json) !== ''
      ? null
      : `${what}: ${bodyBytes}-byte body → ${answer.status}, expected 413`;
  }
  if (p.expected.accept)
    return answer.status === 200 ? null : `${what}: valid → ${answer.status} ${answer.text.slice(0, 200)}`;
  if (answer.status !== p.expected.status) {
    return `${what}: expected ${p.expected.status}, got ${answer.status} ${answer.text.slice(0, 200)}`;
  }
  const paths = issuesOf(answer.json).map((i) => i.path);
  if (paths.length === 0 || messageOf(answer.json) === '')
    return `${what}: ${answer.status} without a message or issue paths`;
  const missing = p.expected.issuePaths.filter((path) => !paths.includes(path));
  if (missing.length > 0) return `${what}: issues ${paths.join(',')} do not list ${missing.join(',')}`;
  const mutated = p.c.mutated;
  if (
    mutated &&
    p.expected.issuePaths.some((path) => related(path, mutated)) &&
    !paths.some((path) => related(path, mutated))
  ) {
    return `${what}: no issue names the mutated path (got ${paths.join(',')})`;
  }
  return null;
}

const item = (c: PublishCase) => ({ model: c.model, event: c.event, payload: c.payload });
const storedJson = (p: Planned) => (p.expected as { storedJson: string }).storedJson;
const storedSize = (p: Planned) => Buffer.byteLength(storedJson(p));
