import type { ContractIssue } from '@taskhooks/contracts';
import {
  getModel,
  isEventOf,
  isModelId,
  listEvents,
  type ModelId,
  modelIds,
  validateOutgoing,
} from '@taskhooks/contracts';
import { SenderError } from '../errors/sender-errors.js';
import { uuidv7 } from '../ids/uuidv7.js';
import { isDataException } from '../store/shared/errors.js';
import { conflictsWithinBatch, IdempotencyConflictError } from '../store/shared/idempotency.js';
import type {
  ClaimedDelivery,
  IdempotencyConflict,
  NewMessage,
  PublishLease,
  PublishResult,
  Store,
} from '../store/types.js';
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
  /**
   * Validates every request first; if any fails, nothing is stored and the error lists each failing
   * path. Paths of a batch start with the entry's index (`0.payload.plan`), even for a batch of one.
   */
  publish(
    tenantId: string,
    requests: PublishRequest[],
    options?: { batch?: boolean },
  ): Promise<PublishResult[]>;
  drain(): Promise<void>;
}

export const DEFAULT_MAX_PAYLOAD_BYTES = 256 * 1024;

export function createPublisher(options: PublisherOptions): Publisher {
  const { store } = options;
  const maxPayloadBytes = options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
  const now = options.now ?? Date.now;
  const committer = createGroupCommitter<NewMessage, PublishResult>(
    async (messages) => {
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
    },
    {
      // A key reused for another request is that caller's fault alone; the others commit again.
      attributeFailure: (error) =>
        error instanceof IdempotencyConflictError
          ? {
              index: error.index,
              errorFor: (indexInCall) =>
                new IdempotencyConflictError(indexInCall, error.originalId, error.conflict),
            }
          : undefined,
      // A value the database refused (past the input schemas): only its own caller fails.
      isolateOnFailure: isDataException,
    },
  );

  return {
    async publish(tenantId, requests, { batch = requests.length > 1 } = {}) {
      const createdAt = now();
      const messages = toMessages(requests, (request, index) =>
        toMessage(
          tenantId,
          request,
          createdAt,
          batch ? `${index}.` : '',
          maxPayloadBytes,
          options.sendingEnabled ?? true,
        ),
      );
      const keyPath = (index: number) => (batch ? `${index}.idempotencyKey` : 'idempotencyKey');
      refuseKeyReusedWithinRequest(messages, keyPath);
      let results: PublishResult[];
      try {
        results = await committer.submit(messages);
      } catch (error) {
        if (error instanceof IdempotencyConflictError) throw keyReusedError(messages, error, keyPath);
        throw error;
      }
      refuseKeyReusedForAnotherRequest(messages, results, keyPath);
      return results;
    },
    drain: () => committer.drain(),
  };
}

/**
 * Every event of a batch is checked, so one answer names every refused event (by index in the
 * issue paths), not only the first; nothing is stored when any is refused.
 */
function toMessages(
  requests: readonly PublishRequest[],
  convert: (request: PublishRequest, index: number) => NewMessage,
): NewMessage[] {
  const messages: NewMessage[] = [];
  const refused: { index: number; error: SenderError }[] = [];
  requests.forEach((request, index) => {
    try {
      messages.push(convert(request, index));
    } catch (error) {
      if (!(error instanceof SenderError)) throw error;
      refused.push({ index, error });
    }
  });
  if (refused.length === 0) return messages;
  if (refused.length === 1) throw refused[0]!.error;
  // One status for all: theirs when they agree, else 400 (each issue still says what is wrong).
  const code = refused.every(({ error }) => error.code === refused[0]!.error.code)
    ? refused[0]!.error.code
    : 'invalid_payload';
  const shown = refused.slice(0, 10).map(({ index, error }) => `${index}: ${error.message}`);
  if (refused.length > shown.length) shown.push(`and ${refused.length - shown.length} more (see issues)`);
  throw new SenderError(
    code,
    `${refused.length} of ${requests.length} events are refused, nothing was stored: ${shown.join('; ')}`,
    refused.flatMap(({ error }) => error.issues),
  );
}

/** Two events of one request under one key: refused before anything is stored. */
function refuseKeyReusedWithinRequest(
  messages: readonly NewMessage[],
  keyPath: (index: number) => string,
): void {
  const issues: ContractIssue[] = conflictsWithinBatch(messages).map((found) => ({
    path: keyPath(found.index),
    code: 'idempotency_key_reused',
    message: `key ${JSON.stringify(messages[found.index]!.idempotencyKey)} is also used by event ${found.earlierIndex}, whose ${found.conflict} differs; a key names one request, give each event its own`,
  }));
  if (issues.length > 0) {
    throw new SenderError(
      'conflict',
      `idempotencyKey: ${issues.length} key(s) reused for different events in this request; nothing was stored`,
      issues,
    );
  }
}

/**
 * A key already stored for ANOTHER request (different model, event or payload) is an error, not
 * a duplicate: acknowledging it would drop the new event without a word. The store refuses it in
 * its transaction, so nothing of the call is stored (the group committer commits the other
 * callers of that transaction again without it).
 */
function keyReusedError(
  messages: readonly NewMessage[],
  error: IdempotencyConflictError,
  keyPath: (index: number) => string,
): SenderError {
  return new SenderError(
    'conflict',
    `idempotencyKey: ${JSON.stringify(messages[error.index]?.idempotencyKey)} already names a different request; nothing was stored`,
    [keyReusedIssue(messages, error.index, error.originalId, error.conflict, keyPath)],
  );
}

/**
 * The same, found after the commit: on PostgreSQL, a publisher racing on the key committed its
 * message after this statement began, so this one could only skip it. The rest of the call is
 * stored by then, and the error says so.
 */
function refuseKeyReusedForAnotherRequest(
  messages: readonly NewMessage[],
  results: readonly PublishResult[],
  keyPath: (index: number) => string,
): void {
  const issues = results.flatMap((result, index) =>
    result.conflict ? [keyReusedIssue(messages, index, result.messageId, result.conflict, keyPath)] : [],
  );
  if (issues.length === 0) return;
  const stored = results.filter((result) => !result.duplicate).map((result) => result.messageId);
  const others =
    stored.length === 0
      ? 'nothing was stored'
      : `the other ${stored.length} event(s) of this batch WERE stored (messages ${stored.join(', ')}): re-send only the refused one(s)`;
  throw new SenderError(
    'conflict',
    `idempotencyKey: ${issues.length} key(s) already name a different request; ${others}`,
    issues,
  );
}

function keyReusedIssue(
  messages: readonly NewMessage[],
  index: number,
  originalId: string,
  conflict: IdempotencyConflict,
  keyPath: (index: number) => string,
): ContractIssue {
  return {
    path: keyPath(index),
    code: 'idempotency_key_reused',
    message: `key ${JSON.stringify(messages[index]?.idempotencyKey)} was first used for message ${originalId}, whose ${conflict} differs; a key names one request, use a new key for a new event`,
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
  // An event the model does not have is reported as such, before any mismatch with payload.event
  // (which would send the caller to fix the payload instead).
  if (!isEventOf(request.model, request.event)) {
    const known = listEvents(request.model).join(', ');
    throw new SenderError(
      'invalid_payload',
      `"${request.event}" is not an event of ${request.model}; known events: ${known}`,
      [{ path: `${pathPrefix}event`, code: 'unknown_event', message: `known events: ${known}` }],
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
  const payload = withEventName(request.payload, request.event);
  const result = validateOutgoing(
    request.model,
    withPublishingTenant(request.model, tenantId, payload, pathPrefix),
  );
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

/**
 * For models whose events name their tenant (`tenantIdField`): the publishing tenant is filled in
 * when the field is left out, and any other value is refused. A receiver serving several tenants
 * scopes its work and its deduplication by that field, so one tenant's key must not be able to
 * speak for another.
 */
function withPublishingTenant(
  model: ModelId,
  tenantId: string,
  payload: unknown,
  pathPrefix: string,
): unknown {
  const field = getModel(model).tenantIdField;
  if (field === undefined || payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    return payload;
  }
  const given = Object.hasOwn(payload, field) ? (payload as Record<string, unknown>)[field] : undefined;
  if (given === undefined) return { ...payload, [field]: tenantId };
  if (typeof given === 'string' && given !== tenantId) {
    throw new SenderError(
      'invalid_payload',
      `payload.${field} "${given}" is not the publishing tenant "${tenantId}": leave it out and the sender fills it in`,
      [{ path: `${pathPrefix}payload.${field}`, code: 'invalid_value', message: `expected "${tenantId}"` }],
    );
  }
  return payload;
}

/**
 * The payload with the event name filled in when it leaves `event` out. Only a JSON object gets it:
 * `[]` would become `{event}` and then fail on fields the caller never wrote instead of saying the
 * payload must be an object.
 */
export function withEventName(payload: unknown, event: string): unknown {
  const isObject = payload !== null && typeof payload === 'object' && !Array.isArray(payload);
  return isObject && (payload as { event?: unknown }).event === undefined ? { event, ...payload } : payload;
}
