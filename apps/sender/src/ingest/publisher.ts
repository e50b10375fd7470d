import { isModelId, modelIds, validateOutgoing } from '@taskhooks/contracts';
import { SenderError } from '../errors/sender-errors.js';
import { uuidv7 } from '../ids/uuidv7.js';
import type { ClaimedDelivery, NewMessage, PublishLease, PublishResult, Store } from '../store/types.js';
import { createGroupCommitter } from './group-commit.js';

export interface PublishRequest {
  model: string;
  event: string;
  payload: unknown;
  /** Same key (per tenant) → same message id and no second fan-out. */
  idempotencyKey?: string | null;
}

export interface PublisherOptions {
  store: Store;
  /** Largest serialised payload accepted, in bytes (default 256 KiB). */
  maxPayloadBytes?: number;
  /** When false (env WEBHOOK_ENABLED=false), events are stored but fanned out to no endpoint. */
  sendingEnabled?: boolean;
  now?: () => number;
  /**
   * Called after each durable commit, e.g. to wake delivery workers; `leased` of the new deliveries
   * went straight to `handoff` (a worker need not look for those).
   */
  onCommitted?: (results: PublishResult[], leased: number) => void;
  /**
   * A delivery worker in this process: new deliveries are stored leased to it in the publish
   * transaction and handed over in memory once durably committed (no claim query, no poll).
   */
  handoff?: {
    publishLease(): PublishLease | null;
    /** `pendingLeft`: the commit also stored due deliveries it did not lease (over the limit). */
    adopt(leased: ClaimedDelivery[], pendingLeft: boolean): void;
  };
}

export interface Publisher {
  /** Validates every request first; if any fails, nothing is stored and the error lists each failing path. */
  publish(tenantId: string, requests: PublishRequest[]): Promise<PublishResult[]>;
  drain(): Promise<void>;
}

export const DEFAULT_MAX_PAYLOAD_BYTES = 256 * 1024;

export function createPublisher(options: PublisherOptions): Publisher {
  const { store } = options;
  const maxPayloadBytes = options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
  const now = options.now ?? Date.now;
  const committer = createGroupCommitter<NewMessage, PublishResult>(async (messages) => {
    const lease = options.handoff?.publishLease() ?? null;
    const { results, leased } = lease
      ? await store.publishAndLease(messages, lease)
      : { results: await store.publishMessages(messages), leased: [] };
    options.onCommitted?.(results, leased.length);
    // Stored is stored: a hand-over that fails must not fail the publish (the leases expire and
    // any worker claims them then).
    if (lease) {
      const created = results.reduce((sum, r) => sum + r.deliveriesCreated, 0);
      try {
        options.handoff!.adopt(leased, created > leased.length);
      } catch {}
    }
    return results;
  });

  return {
    async publish(tenantId, requests) {
      const createdAt = now();
      const messages = requests.map((request, index) =>
        toMessage(
          tenantId,
          request,
          createdAt,
          requests.length > 1 ? `${index}.` : '',
          maxPayloadBytes,
          options.sendingEnabled ?? true,
        ),
      );
      return committer.submit(messages);
    },
    drain: () => committer.drain(),
  };
}

function toMessage(
  tenantId: string,
  request: PublishRequest,
  createdAt: number,
  pathPrefix: string,
  maxPayloadBytes: number,
  sendingEnabled: boolean,
): NewMessage {
  if (!isModelId(request.model)) {
    throw new SenderError(
      'unknown_model',
      `Unknown model "${request.model}". Known models: ${modelIds.join(', ')}`,
      [
        {
          path: `${pathPrefix}model`,
          code: 'unknown_model',
          message: `known models: ${modelIds.join(', ')}`,
        },
      ],
    );
  }
  const payloadEvent = (request.payload as { event?: unknown } | null)?.event;
  if (payloadEvent !== undefined && payloadEvent !== request.event) {
    throw new SenderError(
      'invalid_payload',
      `payload.event "${String(payloadEvent)}" does not match event "${request.event}"`,
      [{ path: `${pathPrefix}payload.event`, code: 'invalid_value', message: `expected "${request.event}"` }],
    );
  }
  const payload =
    payloadEvent === undefined && request.payload && typeof request.payload === 'object'
      ? { event: request.event, ...(request.payload as object) }
      : request.payload;
  const result = validateOutgoing(request.model, payload);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => ({
      ...issue,
      path: `${pathPrefix}payload${issue.path ? `.${issue.path}` : ''}`,
    }));
    throw new SenderError('invalid_payload', result.error.message, issues);
  }
  // Serialised once here; these exact bytes are stored, signed and sent.
  const payloadJson = JSON.stringify(result.data);
  const size = Buffer.byteLength(payloadJson);
  if (size > maxPayloadBytes) {
    throw new SenderError(
      'payload_too_large',
      `payload is ${size} bytes; the limit is ${maxPayloadBytes} bytes`,
      [{ path: `${pathPrefix}payload`, code: 'too_big', message: `${size} bytes > ${maxPayloadBytes}` }],
    );
  }
  return {
    id: uuidv7(),
    tenantId,
    model: request.model,
    event: request.event,
    payloadJson,
    idempotencyKey: request.idempotencyKey ?? null,
    createdAt,
    ...(sendingEnabled ? {} : { onlyEndpointIds: [] }),
  };
}
