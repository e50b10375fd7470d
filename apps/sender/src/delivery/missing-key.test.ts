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
import { createDeliveryWorker, type DeliveryWorkerOptions } from './worker.js';

const boxWithNewKey = () => {
  const key = randomBytes(32);
  return new SecretBox({ current: { id: keyIdOf(key), key } });
};
const SECRET = `whsec_${randomBytes(24).toString('base64')}`;

// Several senders on one database with different encryption keys (a worker started without
// TASKHOOKS_ENCRYPTION_KEY): the one that lacks the key must not fail deliveries, nor use them up.
describe.each<Backend>(['sqlite', 'postgres'])(
  'an endpoint sealed with a key this worker lacks, on %s',
  (backend) => {
    let temp: TempStore;
    let dispatcher: HttpDispatcher;
    let receiver: TestReceiver;
    beforeEach(async () => {
      temp = await openTempStore(backend);
      dispatcher = createHttpDispatcher();
      // The first request that reaches it fails: the policy's attempts must all still be there.
      let answered = 0;
      receiver = await startTestReceiver((_req, res) => res.writeHead(++answered === 1 ? 503 : 204).end());
    });
    afterEach(async () => {
      await dispatcher.close();
      await receiver.close();
      await temp.close();
    });

    it('puts the delivery off, charging neither an attempt nor the endpoint; a worker with the key sends it', async () => {
      const sealingBox = boxWithNewKey();
      const endpointId = uuidv7();
      await temp.addEndpoint(receiver.url('/hook'), {
        id: endpointId,
        preset: 'seed-003', // 3 attempts, the first retry 1 s later: put-offs must not use them up
        scheme: { scheme: 'standard-webhooks' },
        secretsSealed: sealSecrets(sealingBox, endpointId, { secrets: [{ value: SECRET }], headers: {} }),
      });
      const [messageId] = await temp.publish(1, T0);
      const workerWith = (box: SecretBox, now: number, onPutOff?: DeliveryWorkerOptions['onPutOff']) =>
        createDeliveryWorker({
          store: temp.store,
          workerId: `worker-${now}`,
          dispatcher,
          clock: () => now,
          random: () => 0,
          maxTimeoutMs: 10_000,
          leaseMs: 20_000,
          secrets: createRotatingSecretsResolver(box, { now: () => now }),
          ...(onPutOff ? { onPutOff } : {}),
        });

      const putOff: string[] = [];
      for (const round of [0, 1, 2, 3]) {
        const at = T0 + round * KEY_MISSING_RETRY_MS;
        expect(await workerWith(boxWithNewKey(), at, (_c, reason) => putOff.push(reason)).runOnce()).toBe(1);
        const delivery = (await temp.store.listDeliveries({ tenantId: temp.tenantId })).items[0]!;
        expect(delivery).toMatchObject({ state: 'pending', nextAttemptAt: at + KEY_MISSING_RETRY_MS });
        // Not due again before then: no process spins on it.
        expect(await workerWith(boxWithNewKey(), at + 1).runOnce()).toBe(0);
      }
      expect(receiver.requests).toHaveLength(0);
      expect(putOff).toHaveLength(4);
      expect(putOff[0]).toMatch(/sealed with key \S+, which is not configured/);
      expect(putOff[0]).not.toContain(SECRET);
      const deliveryId = (await temp.store.listDeliveries({ tenantId: temp.tenantId })).items[0]!.id;
      // Put-offs are not attempts: all three of the policy's are left, and the endpoint is not failing.
      expect(await temp.store.getDelivery(deliveryId)).toMatchObject({ attemptCount: 0, attempts: [] });
      expect((await temp.store.getEndpoint(endpointId))?.failingSince).toBeNull();

      const sentAt = T0 + 4 * KEY_MISSING_RETRY_MS;
      expect(await workerWith(sealingBox, sentAt).runOnce()).toBe(1); // 503: retried, not failed
      expect(await workerWith(sealingBox, sentAt + 5_000).runOnce()).toBe(1); // 204
      expect(receiver.requests).toHaveLength(2);
      await verifyRequest({
        scheme: { scheme: 'standard-webhooks' },
        headers: receiver.requests[1]!.headers,
        body: receiver.requests[1]!.body,
        secrets: [SECRET],
        now: () => sentAt + 5_000,
      });
      expect(receiver.requests[1]!.headers['webhook-id']).toBe(messageId);
      const delivered = await temp.store.getDelivery(deliveryId);
      expect(delivered?.state).toBe('succeeded');
      expect(delivered?.attempts.map((a) => a.outcome)).toEqual(['retry_scheduled', 'succeeded']);
    });
  },
);
