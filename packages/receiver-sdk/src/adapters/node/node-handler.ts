import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ModelId } from '@taskhooks/contracts';
import { payloadTooLarge } from '../../delivery/raw-body.js';
import { WebhookError } from '../../errors/webhook-error.js';
import type { Receiver } from '../../receiver/create-receiver.js';
import { isDeliveryMethod } from '../../receiver/delivery-method.js';
import { asWebhookError } from '../../receiver/receive-errors.js';
import type { HttpAnswer } from '../../receiver/receive-result.js';
import { readNodeBody } from './read-node-body.js';

/** A Node request, possibly after framework middleware set `body` (Express, Connect, Fastify's raw). */
export type NodeRequest = IncomingMessage & { body?: unknown };

export type NodeHandler = (req: NodeRequest, res: ServerResponse) => Promise<void>;

/**
 * `(req, res)` handler for `http.createServer`, and Express/Connect middleware. Reads the raw body
 * itself; a body already set by `express.raw()` (Buffer) or `express.text()` (string) is used
 * as is; one parsed by `express.json()` is refused with `body_already_parsed`.
 */
export function createNodeHandler<M extends ModelId>(receiver: Receiver<M>): NodeHandler {
  const handle = handleWith(receiver);
  // Never rejects: under http.createServer an unhandled rejection would end the process.
  return async (req, res) => {
    try {
      await handle(req, res);
    } catch (error) {
      await answerUnexpected(res, receiver, error);
    }
  };
}

async function answerUnexpected<M extends ModelId>(
  res: ServerResponse,
  receiver: Receiver<M>,
  error: unknown,
): Promise<void> {
  try {
    send(res, await receiver.reject(asWebhookError(error, 'receiving a delivery')));
  } catch {
    if (!res.headersSent) res.writeHead(500).end();
  }
}

function handleWith<M extends ModelId>(receiver: Receiver<M>): NodeHandler {
  return async (req, res) => {
    const method = req.method ?? 'POST';
    // headersDistinct keeps every value: `req.headers` keeps only the first of a repeated
    // Authorization (and a few others), so a request the fetch adapter refuses could pass here.
    const headers = req.headersDistinct ?? req.headers;
    if (!isDeliveryMethod(method)) {
      return send(res, await receiver.receive({ body: '', headers, method }));
    }
    const preset = req.body;
    if (typeof preset === 'string' || preset instanceof Uint8Array) {
      return send(res, await receiver.receive({ body: preset, headers, method }));
    }
    if (req.readableEnded) {
      // Someone else consumed the stream: a parsed `req.body` gets the specific explanation.
      const answer =
        preset === undefined
          ? await receiver.reject(streamAlreadyRead())
          : await receiver.receive({ body: preset, headers, method });
      return send(res, answer);
    }
    // An unread stream wins over a placeholder `req.body` (Express 4's parsers set `{}` and skip
    // requests whose content type they do not handle).
    const read = await readNodeBody(req, receiver.maxBodyBytes);
    if (read.kind === 'aborted') {
      // The client went away; there is nobody to answer.
      if (!res.headersSent) res.destroy();
      return;
    }
    if (read.kind === 'too_large') {
      const result = await receiver.reject(payloadTooLarge(receiver.maxBodyBytes));
      // Close after answering so the rest of an oversized upload is not kept on a reusable socket.
      send(res, { ...result, headers: { ...result.headers, connection: 'close' } });
      req.resume();
      return;
    }
    return send(res, await receiver.receive({ body: read.body, headers, method }));
  };
}

/** Express spelling of {@link createNodeHandler}: mount with `app.post('/webhooks', …)`. */
export const createExpressMiddleware: <M extends ModelId>(receiver: Receiver<M>) => NodeHandler =
  createNodeHandler;

function send(res: ServerResponse, result: HttpAnswer): void {
  if (res.headersSent || res.writableEnded) return;
  res.writeHead(result.status, result.headers);
  res.end(result.body);
}

function streamAlreadyRead(): WebhookError {
  return new WebhookError(
    'body_already_parsed',
    'The request body stream was already read by earlier middleware, so the raw body is gone: the body was parsed before verification. Mount the webhook route before body parsers such as express.json(), or give it express.raw({ type: "*/*" }).',
  );
}
