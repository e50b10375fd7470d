import { payloadTooLarge } from '../../delivery/raw-body.js';
import { WebhookError } from '../../errors/webhook-error.js';
import type { ReceiveRequest } from '../../receiver/create-receiver.js';
import { isDeliveryMethod } from '../../receiver/delivery-method.js';
import { asWebhookError } from '../../receiver/receive-errors.js';
import type { HttpAnswer } from '../../receiver/receive-result.js';

interface Pipeline {
  receive(request: ReceiveRequest): Promise<HttpAnswer>;
  reject(error: WebhookError): Promise<HttpAnswer>;
  maxBodyBytes: number;
}

/**
 * `(Request) => Promise<Response>` over the core pipeline. Uses only web platform APIs, so it
 * runs unchanged on Node, Bun, Deno, Cloudflare Workers and edge runtimes.
 */
export function createFetchHandler(pipeline: Pipeline): (request: Request) => Promise<Response> {
  return async (request) => {
    if (!isDeliveryMethod(request.method)) {
      return toResponse(
        await pipeline.receive({ body: '', headers: request.headers, method: request.method }),
      );
    }
    if (request.bodyUsed || request.body?.locked) {
      // e.g. a Hono middleware called c.req.json() first: the raw bytes are gone.
      return toResponse(await pipeline.reject(bodyAlreadyRead()));
    }
    let body: Uint8Array | undefined;
    try {
      body = await readLimited(request, pipeline.maxBodyBytes);
    } catch (error) {
      return toResponse(await pipeline.reject(asWebhookError(error, 'reading the request body')));
    }
    if (body === undefined) return toResponse(await pipeline.reject(payloadTooLarge(pipeline.maxBodyBytes)));
    return toResponse(await pipeline.receive({ body, headers: request.headers, method: request.method }));
  };
}

/** Reads the body as bytes, stopping (and returning undefined) as soon as it passes the limit. */
async function readLimited(request: Request, maxBytes: number): Promise<Uint8Array | undefined> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) return undefined;
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0];
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function bodyAlreadyRead(): WebhookError {
  return new WebhookError(
    'body_already_parsed',
    'The request body was already read (e.g. by request.json() in earlier middleware), so the raw body is gone: the body was parsed before verification. Pass the request to the receiver before anything reads its body, or pass the raw text to receiver.receive().',
  );
}

export function toResponse(result: HttpAnswer): Response {
  return new Response(result.body, { status: result.status, headers: result.headers });
}
