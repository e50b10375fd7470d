import type { ModelId } from '@taskhooks/contracts';
import { resolveConfig, type VerifyConfig } from '../delivery/config.js';
import { decodeDelivery, type RawRequest } from '../delivery/decode-delivery.js';
import type { ReceivedDelivery } from '../delivery/delivery.js';

export type VerifyOptions<M extends ModelId> = VerifyConfig<M> & RawRequest;

/**
 * Verifies one request and returns the typed event, like Stripe's `constructEvent`: signature
 * over the raw body first, then JSON.parse, then lenient contract validation. Throws
 * {@link WebhookError} (`error.status` is the HTTP status to answer with). No handlers, no dedupe.
 *
 * @example
 * const delivery = await verify({ model: 'plan_bound_v2', secret, body: rawBody, headers });
 * if (delivery.known && delivery.event === 'plan.failed') console.log(delivery.payload.child_name);
 */
export async function verify<const M extends ModelId>(
  options: VerifyOptions<M>,
): Promise<ReceivedDelivery<M>> {
  return decodeDelivery(resolveConfig(options, 'verify'), options);
}
