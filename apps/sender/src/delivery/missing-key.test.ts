import { randomBytes } from 'node:crypto';
import { verifyRequest } from '@taskhooks/signatures';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRotatingSecretsResolver, sealSecrets } from '../auth/endpoint-secrets.js';
import { uuidv7 } from '../ids/uuidv7.js';
import { keyIdOf } from '../security/encryption-key.js';
import { SecretBox } from '../security/secret-box.js';
import { type Backend, openTempStore, T0, type TempStore } from '../testing/temp-store.js';
import { startTestReceiver, type TestReceiver } from '../testing/test-receiver.js';
import { KEY_MISSING_RETRY_MS } from './deliver-one.js';
import { createHttpDispatcher, type HttpDispatcher } from './http-dispatch.js';
import { createDeliveryWorker } from './worker.js';

const boxWithNewKey = () => {
  const key = randomBytes(32);
  return new SecretBox({ current: { id: keyIdOf(key), key } });
};
const SECRET = `whsec_${randomBytes(24).toString('base64')}`;

// Several senders on one database with different encryption keys (a worker started without
// TASKHOOKS_ENCRYPTION_KEY): the one that lacks the key must not fail deliveries for good.
describe.each<Backend>(['sqlite', 'postgres'])(
  'an endpoint sealed with a key this worker lacks, on %s',
  (backend) => {
    let temp: TempStore;
    let dispatcher: HttpDispatcher;
    let receiver: TestReceiver;
    beforeEach(async () => {
      temp = await openTempStore(backend);
      dispatcher = createHttpDispatcher();
      receiver = await startTestReceiver((_req, res) => res.writeHead(204).end());
    });
    afterEach(async () => {
      await dispatcher.close();
      await receiver.close();
      await temp.close();
    });

    it('puts the delivery off without counting against the endpoint; a worker with the key sends it', async () => {
      const sealingBox = boxWithNewKey();
      const endpointId = uuidv7();
      await temp.addEndpoint(receiver.url('/hook'), {
        id: endpointId,
        preset: 'seed-003', // 3 attempts: the put-off must not use them up
        scheme: { scheme: 'standard-webhooks' },
        secretsSealed: sealSecrets(sealingBox, endpointId, { secrets: [{ value: SECRET }], headers: {} }),
      });
      const [messageId] = await temp.publish(1, T0);
      const workerWith = (box: SecretBox, now: number) =>
        createDeliveryWorker({
          store: temp.store,
          workerId: `worker-${now}`,
          dispatcher,
          clock: () => now,
          random: () => 0,
          maxTimeoutMs: 10_000,
          leaseMs: 20_000,
          secrets: createRotatingSecretsResolver(box, { now: () => now }),
        });

      for (const attempt of [1, 2, 3, 4]) {
        const at = T0 + (attempt - 1) * KEY_MISSING_RETRY_MS;
        expect(await workerWith(boxWithNewKey(), at).runOnce()).toBe(1);
        const delivery = (await temp.store.listDeliveries({ tenantId: temp.tenantId })).items[0]!;
        expect(delivery).toMatchObject({ state: 'pending', nextAttemptAt: at + KEY_MISSING_RETRY_MS });
      }
      expect(receiver.requests).toHaveLength(0);
      const page = await temp.store.listDeliveries({ tenantId: temp.tenantId });
      const stored = (await temp.store.getDelivery(page.items[0]!.id))!;
      expect(stored.attempts.map((a) => a.outcome)).toEqual(Array(4).fill('retry_scheduled'));
      expect(stored.attempts[0]!.error).toMatch(
        /sealed with key \S+, which is not configured.*retried in 60 s/,
      );
      expect(stored.attempts[0]!.error).not.toContain(SECRET);
      expect((await temp.store.getEndpoint(endpointId))?.failingSince).toBeNull();

      expect(await workerWith(sealingBox, T0 + 4 * KEY_MISSING_RETRY_MS).runOnce()).toBe(1);
      expect(receiver.requests).toHaveLength(1);
      await verifyRequest({
        scheme: { scheme: 'standard-webhooks' },
        headers: receiver.requests[0]!.headers,
        body: receiver.requests[0]!.body,
        secrets: [SECRET],
        now: () => T0 + 4 * KEY_MISSING_RETRY_MS,
      });
      expect(receiver.requests[0]!.headers['webhook-id']).toBe(messageId);
      expect((await temp.store.listDeliveries({ tenantId: temp.tenantId })).items[0]?.state).toBe(
        'succeeded',
      );
    });
  },
);
