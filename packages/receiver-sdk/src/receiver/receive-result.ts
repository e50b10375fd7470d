import type { ModelId } from '@taskhooks/contracts';
import type { ReceivedDelivery } from '../delivery/delivery.js';
import type { WebhookError } from '../errors/webhook-error.js';

/**
 * - `handled`: at least one handler ran and all succeeded
 * - `ignored`: verified and valid, but no handler is registered for it
 * - `duplicate`: this delivery id was already handled; handlers were not called
 * - `unknown`: an event or model this receiver does not know (handled by `onUnknown`, if any)
 * - `rejected`: refused (4xx) or failed (5xx); see `error`
 */
export type ReceiveOutcome = 'handled' | 'ignored' | 'duplicate' | 'unknown' | 'rejected';

/** What any HTTP framework needs to answer a delivery: status, headers and a JSON body. */
export interface ReceiveResult<M extends ModelId = ModelId> {
  status: number;
  headers: Record<string, string>;
  /** JSON text: `{"ok":true,"outcome":…,"id":…}` or `{"ok":false,"error":{"code":…,"message":…}}`. */
  body: string;
  outcome: ReceiveOutcome;
  /** Set when the delivery got past verification and parsing. */
  delivery?: ReceivedDelivery<M>;
  error?: WebhookError;
}

/** The HTTP part of a result: all an adapter writes. */
export type HttpAnswer = Pick<ReceiveResult, 'status' | 'headers' | 'body'>;

const jsonHeaders = { 'content-type': 'application/json; charset=utf-8' };

export function acknowledged<M extends ModelId>(
  outcome: Exclude<ReceiveOutcome, 'rejected'>,
  delivery: ReceivedDelivery<M>,
): ReceiveResult<M> {
  return {
    status: 200,
    headers: { ...jsonHeaders },
    body: JSON.stringify({ ok: true, outcome, id: delivery.id }),
    outcome,
    delivery,
  };
}

export function rejected<M extends ModelId>(
  error: WebhookError,
  delivery?: ReceivedDelivery<M>,
  extraHeaders: Record<string, string> = {},
): ReceiveResult<M> {
  const result: ReceiveResult<M> = {
    status: error.status,
    headers: { ...jsonHeaders, ...extraHeaders },
    body: JSON.stringify({ ok: false, error: { code: error.code, message: error.publicMessage } }),
    outcome: 'rejected',
    error,
  };
  if (delivery) result.delivery = delivery;
  return result;
}
