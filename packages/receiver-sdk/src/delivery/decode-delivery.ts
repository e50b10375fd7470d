import type { ModelId } from '@taskhooks/contracts';
import { type HeaderBag, type SchemeConfig, verifyRequest } from '@taskhooks/signatures';
import { fromSignatureFailure } from '../errors/signature-failure.js';
import { WebhookError } from '../errors/webhook-error.js';
import type { ResolvedConfig } from './config.js';
import type { DeliveryHeaders, EventDelivery, ReceivedDelivery, UnknownDelivery } from './delivery.js';
import { deliveryIdOf } from './delivery-id.js';
import { handlerHeaders } from './headers.js';
import { assertRawBody } from './raw-body.js';
import { validatePayload } from './validate-payload.js';

export interface RawRequest {
  /** The request body exactly as received: a string, Uint8Array or Buffer. */
  body: unknown;
  headers: HeaderBag;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The receive pipeline up to (not including) handlers, in the only safe order: check the body is
 * raw and small enough, verify the signature over those exact bytes, then JSON.parse, then
 * validate against the contract in lenient mode. Nothing is parsed before it is authenticated.
 */
export async function decodeDelivery<M extends ModelId>(
  config: ResolvedConfig<M>,
  request: RawRequest,
): Promise<ReceivedDelivery<M>> {
  const body = assertRawBody(request.body, config.maxBodyBytes);
  const headers: unknown = request.headers;
  if (headers === null || typeof headers !== 'object') {
    // The receiver's code passed something else (`req.header` for `req.headers`): it must change,
    // so 5xx and the sender keeps the delivery; a 401 would have it dropped for good.
    throw new WebhookError(
      'internal_error',
      `The request headers must be a Headers object or a plain object (req.headers or request.headers), got ${headers === null ? 'null' : typeof headers}.`,
      { publicMessage: 'The receiver is misconfigured; the delivery was not processed.' },
    );
  }

  let verified: Awaited<ReturnType<typeof verifyRequest>>;
  try {
    verified = await verifyRequest({
      scheme: config.scheme,
      headers: request.headers,
      body,
      secrets: config.secrets,
      toleranceSeconds: config.toleranceSeconds,
    });
  } catch (error) {
    throw fromSignatureFailure(error);
  }

  const json = parseJson(body, verified.id);
  const idOrHash = deliveryIdOf(verified.id, json, body);
  const id = typeof idOrHash === 'string' ? idOrHash : await idOrHash;
  const base = deliveryBase(id, verified.timestamp, request.headers, config.scheme);

  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new WebhookError(
      'invalid_payload',
      `The verified body is ${Array.isArray(json) ? 'a JSON array' : `JSON ${json === null ? 'null' : typeof json}`}, but every ${config.model} event is a JSON object. The sender must send an object with an "event" field.`,
      { deliveryId: id },
    );
  }
  const fields = json as Record<string, unknown>;
  const event = typeof fields.event === 'string' ? fields.event : undefined;
  const receivedModel = typeof fields.model === 'string' ? fields.model : undefined;

  if (receivedModel !== undefined && receivedModel !== config.model) {
    return unknown(config.model, 'unknown_model', receivedModel, event, json, base);
  }
  const parsed = validatePayload(config.model, json);
  if (parsed.success) {
    return Object.assign(base, {
      known: true,
      model: config.model,
      event,
      payload: parsed.data,
    }) as EventDelivery<M>;
  }
  const issues = parsed.error.issues;
  if (issues.length === 1 && issues[0]?.code === 'unknown_event') {
    return unknown(config.model, 'unknown_event', receivedModel, event, json, base);
  }
  throw new WebhookError(
    'invalid_payload',
    `${parsed.error.message}\nThe sender must fix these fields. (Unknown fields and new enum values are already accepted; see the README's "What is tolerated".)`,
    { issues, deliveryId: id, event, cause: parsed.error },
  );
}

function parseJson(body: string | Uint8Array, deliveryId: string | undefined): unknown {
  let text: string;
  try {
    // The decoder drops a leading byte order mark; a string body gets the same treatment.
    text =
      typeof body === 'string' ? (body.charCodeAt(0) === 0xfeff ? body.slice(1) : body) : utf8.decode(body);
  } catch {
    throw new WebhookError('invalid_json', 'The verified body is not valid UTF-8, so it cannot be JSON.', {
      deliveryId,
    });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new WebhookError('invalid_json', `The verified body is not valid JSON: ${jsonProblem(error)}`, {
      deliveryId,
    });
  }
}

/**
 * What JSON.parse objected to, without the excerpt of the body V8 quotes in some messages
 * (`Unexpected token 'o', "not json" is not valid JSON`): error messages end up in logs and in the
 * answer to the sender, and a payload may carry personal data.
 */
function jsonProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // The quote is the whole text or an excerpt of a longer one (`..."ization": Bearer sk_"...`).
  const quoted = /^(Unexpected token '.{1,2}'), .* is not valid JSON$/s.exec(message);
  if (quoted) return quoted[1]!;
  // The other V8 messages name a position, never the content ("… in JSON at position 6").
  return message.length <= 120 && !message.includes('"') ? message : 'unexpected input';
}

/**
 * `headers` is a lazy, memoised getter: flattening and redacting costs as much as the rest of
 * the bookkeeping together, and most handlers never read headers.
 */
function deliveryBase(
  id: string,
  timestamp: number | undefined,
  bag: HeaderBag,
  scheme: SchemeConfig,
): Pick<UnknownDelivery, 'id' | 'headers' | 'timestamp'> {
  let headers: DeliveryHeaders | undefined;
  const base = {
    id,
    get headers(): DeliveryHeaders {
      headers ??= handlerHeaders(bag, scheme);
      return headers;
    },
  };
  return timestamp === undefined ? base : Object.assign(base, { timestamp });
}

function unknown<M extends ModelId>(
  model: M,
  reason: UnknownDelivery['reason'],
  receivedModel: string | undefined,
  event: string | undefined,
  payload: unknown,
  base: Pick<UnknownDelivery, 'id' | 'headers' | 'timestamp'>,
): UnknownDelivery<M> {
  return Object.assign(base, { known: false as const, reason, model, receivedModel, event, payload });
}
