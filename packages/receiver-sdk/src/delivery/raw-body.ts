import { WebhookError } from '../errors/webhook-error.js';

const encoder = new TextEncoder();

/** Accepts only what a signature can be checked against: the bytes (or text) as received. */
export function assertRawBody(body: unknown, maxBodyBytes: number): string | Uint8Array {
  if (typeof body === 'string') {
    // UTF-8 needs 1 to 3 bytes per UTF-16 unit, so most strings are sized without encoding.
    const tooLarge =
      body.length > maxBodyBytes ||
      (body.length * 3 > maxBodyBytes && encoder.encode(body).byteLength > maxBodyBytes);
    if (tooLarge) throw payloadTooLarge(maxBodyBytes);
    return body;
  }
  if (body instanceof Uint8Array) {
    if (body.byteLength > maxBodyBytes) throw payloadTooLarge(maxBodyBytes);
    return body;
  }
  if (body instanceof ArrayBuffer) return assertRawBody(new Uint8Array(body), maxBodyBytes);
  // Other views of raw bytes (DataView, Int8Array, …): the same bytes, not a parsed body.
  if (ArrayBuffer.isView(body)) {
    return assertRawBody(new Uint8Array(body.buffer, body.byteOffset, body.byteLength), maxBodyBytes);
  }
  if (typeof body === 'object' && body !== null) {
    throw new WebhookError(
      'body_already_parsed',
      'The body was parsed before verification: pass the raw body. In Express, mount the webhook route before express.json(), or give it express.raw({ type: "*/*" }); elsewhere pass the request text or bytes exactly as received.',
    );
  }
  throw new WebhookError(
    'body_not_raw',
    `The body is ${body === undefined ? 'undefined' : typeof body}; pass the raw request body as a string, Uint8Array or Buffer.`,
  );
}

export function payloadTooLarge(maxBodyBytes: number): WebhookError {
  return new WebhookError(
    'payload_too_large',
    `The body is larger than maxBodyBytes (${maxBodyBytes} bytes). If deliveries are legitimately this large, raise \`maxBodyBytes\`.`,
  );
}
