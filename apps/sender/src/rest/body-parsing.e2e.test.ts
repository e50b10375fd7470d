import { eventMetadata, getEventSchema } from '@taskhooks/contracts';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_KEY, type ApiHarness, startApiHarness } from '../api/testing/api-harness.js';
import { type ErrorBody, restCall } from './testing/rest-call.js';

const createdExample = eventMetadata(getEventSchema('task_events_v1', 'task.created')).examples[0];
const SECRET = 'sk_live_0123456789abcdefSECRET';

let h: ApiHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function trpc(procedure: string, body: string) {
  const response = await fetch(`${h!.url}/trpc/${procedure}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
    body,
  });
  return { status: response.status, text: await response.text() };
}

describe('request bodies on REST and tRPC', () => {
  it('a body that is not JSON is refused without quoting it back (it may hold a secret)', async () => {
    h = await startApiHarness('sqlite');
    await h.call('tenants.create', { id: 'fam', name: 'Fam' });
    // The value is unquoted: V8's message would quote the text around the bad token.
    const broken = `{"tenantId":"fam","url":"https://example.com/h","headers":{"Authorization": Bearer ${SECRET}}}`;
    const rest = await restCall<ErrorBody>(h.url, 'POST', '/api/webhooks', {
      key: ADMIN_KEY,
      rawBody: broken,
      headers: { 'content-type': 'application/json' },
    });
    const slow = await trpc('endpoints.create', broken);
    const fast = await trpc(
      'events.publish',
      `{"tenantId":"fam","model":"task_events_v1","event":"task.created","idempotencyKey": ${SECRET}}`,
    );
    for (const [name, status, text] of [
      ['REST', rest.status, JSON.stringify(rest.json)],
      ['tRPC', slow.status, slow.text],
      ['tRPC publish fast path', fast.status, fast.text],
    ] as const) {
      expect([name, status]).toEqual([name, 400]);
      expect(text, name).toMatch(/not valid JSON/);
      expect(text, name).toMatch(/Unexpected token/);
      expect(text, name).not.toContain('sk_live');
      expect(text, name).not.toContain('Bearer');
    }
  });

  it('REST reads a body as tRPC does: a UTF-8 BOM is dropped, only JSON media types in UTF-8 are taken', async () => {
    h = await startApiHarness('sqlite');
    const create = (id: string, contentType: string, bom = '') =>
      restCall<ErrorBody>(h!.url, 'POST', '/api/tenants', {
        key: ADMIN_KEY,
        rawBody: `${bom}${JSON.stringify({ id, name: id })}`,
        headers: { 'content-type': contentType },
      });
    expect((await create('bom', 'application/json', '\ufeff')).status).toBe(201);
    expect((await create('charset', 'application/json; charset=UTF-8')).status).toBe(201);
    expect((await create('suffix', 'application/merge-patch+json')).status).toBe(201);
    expect((await create('text-json', 'text/json; charset=utf8')).status).toBe(201);
    for (const contentType of [
      'application/x-not-json',
      'application/json-patch',
      'text/plain',
      'application/json; charset=utf-16',
      'application/json; charset=latin1',
    ]) {
      const refused = await create('refused', contentType);
      expect([contentType, refused.status]).toEqual([contentType, 415]);
      expect(refused.json.error.issues[0]?.message).toBe(`got "${contentType}"`);
    }
    expect((await h.store.listTenants()).map((t) => t.id).sort()).toEqual([
      'bom',
      'charset',
      'suffix',
      'text-json',
    ]);
  });

  it('a tRPC internal error says so without the thrown error’s own words (they are logged)', async () => {
    h = await startApiHarness('sqlite');
    await h.call('tenants.create', { id: 'fam', name: 'Fam' });
    const published = await h.call<{ messageId: string }>('events.publish', {
      tenantId: 'fam',
      model: 'task_events_v1',
      event: 'task.created',
      payload: createdExample,
    });
    const db = new Database(h.sqlitePath!);
    db.prepare('UPDATE messages SET payload_json = ? WHERE id = ?').run('{broken', published.data.messageId);
    db.close();
    const answer = await h.call('messages.get', { messageId: published.data.messageId });
    expect(answer.status).toBe(500);
    expect(answer.error?.message).toBe('internal error; the sender logged the details');
    expect(h.logs()).toContain('JSON');
  });
});
