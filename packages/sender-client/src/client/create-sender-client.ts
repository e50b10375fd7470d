import type { EventName, ModelId, PayloadInput } from '@taskhooks/contracts';
import type { ProcedureInput, ProcedureOutput, ProcedurePath } from '../api-schemas/procedures.js';
import type { PublishEvent } from './publish-types.js';
import { type RetryOptions, resolveRetryOptions } from './retry.js';
import { type CallOptions, createTransport, type RetryInfo } from './transport.js';

export interface SenderClientOptions {
  /** Base URL of the sender, e.g. `http://127.0.0.1:8787`. */
  url: string;
  /** An API key: admin (every tenant) or tenant-scoped. */
  apiKey: string;
  /** Default: the global fetch (Node ≥ 20.19, browsers, edge runtimes). */
  fetch?: typeof globalThis.fetch;
  /** Retries of transient failures: a count (default 3) or finer options. */
  retries?: number | RetryOptions;
  /** Tenant that `publish`/`publishBatch` act on when none is given per call (admin keys). */
  tenantId?: string;
  /** Told before each retry, e.g. to log it. */
  onRetry?: (info: RetryInfo) => void;
}

export interface PublishOptions extends CallOptions {
  /** Same key → same message id, no second fan-out. Default: generated once per call. */
  idempotencyKey?: string;
  tenantId?: string;
}

export interface PublishBatchOptions extends CallOptions {
  tenantId?: string;
}

type Method<P extends ProcedurePath> = (
  input: ProcedureInput<P>,
  options?: CallOptions,
) => Promise<ProcedureOutput<P>>;
type OptionalInputMethod<P extends ProcedurePath> = (
  input?: ProcedureInput<P>,
  options?: CallOptions,
) => Promise<ProcedureOutput<P>>;

export interface SenderClient {
  /** Publishes one event; the payload is typed by the model and event names. */
  publish<M extends ModelId, E extends EventName<M>>(
    model: M,
    event: E,
    payload: PayloadInput<M, E>,
    options?: PublishOptions,
  ): Promise<ProcedureOutput<'events.publish'>>;
  /** Publishes up to 500 events atomically: if one is invalid, none is stored. */
  publishBatch(
    events: readonly PublishEvent[],
    options?: PublishBatchOptions,
  ): Promise<ProcedureOutput<'events.publishBatch'>>;
  tenants: {
    create: Method<'tenants.create'>;
    get: OptionalInputMethod<'tenants.get'>;
    list: (options?: CallOptions) => Promise<ProcedureOutput<'tenants.list'>>;
    setEntitlement: Method<'tenants.setEntitlement'>;
  };
  endpoints: {
    create: Method<'endpoints.create'>;
    list: OptionalInputMethod<'endpoints.list'>;
    get: Method<'endpoints.get'>;
    update: Method<'endpoints.update'>;
    delete: Method<'endpoints.delete'>;
    rotateSecret: Method<'endpoints.rotateSecret'>;
    sendTest: Method<'endpoints.sendTest'>;
  };
  messages: { list: OptionalInputMethod<'messages.list'>; get: Method<'messages.get'> };
  deliveries: {
    list: Method<'deliveries.list'>;
    get: Method<'deliveries.get'>;
    redeliver: Method<'deliveries.redeliver'>;
    recover: Method<'deliveries.recover'>;
  };
  apiKeys: {
    create: Method<'apiKeys.create'>;
    list: OptionalInputMethod<'apiKeys.list'>;
    revoke: Method<'apiKeys.revoke'>;
  };
  /** Magic links to a tenant's endpoint portal (for your app to hand to its user). */
  portal: { createLink: OptionalInputMethod<'portal.createLink'> };
  /** Any procedure by its path, fully typed; the input may be left out where every field is optional. */
  call<P extends ProcedurePath>(path: P, ...args: CallArguments<P>): Promise<ProcedureOutput<P>>;
}

/** `[input, options?]`, with the input optional for procedures whose input accepts `undefined`. */
export type CallArguments<P extends ProcedurePath> =
  undefined extends ProcedureInput<P>
    ? [input?: ProcedureInput<P>, options?: CallOptions]
    : [input: ProcedureInput<P>, options?: CallOptions];

/** A typed client for the taskhooks sender API. */
export function createSenderClient(options: SenderClientOptions): SenderClient {
  if (!/^https?:\/\//.test(options.url ?? '')) {
    throw new TypeError(`url: expected an absolute http(s) URL, got "${options.url}"`);
  }
  if (!options.apiKey) throw new TypeError('apiKey: required (an admin or tenant API key)');
  // fetch refuses such a header before sending; unchecked, that read as "could not reach the sender".
  if (!/^[\x21-\x7e]+$/.test(options.apiKey)) {
    throw new TypeError(
      'apiKey: must be printable ASCII without spaces or line breaks (check how it was read)',
    );
  }
  const fetchFn = options.fetch ?? globalThis.fetch;
  if (typeof fetchFn !== 'function') throw new TypeError('fetch: no global fetch; pass one');
  const transport = createTransport({
    url: options.url,
    apiKey: options.apiKey,
    fetch: fetchFn,
    retry: resolveRetryOptions(options.retries),
    ...(options.onRetry ? { onRetry: options.onRetry } : {}),
  });

  const call = <P extends ProcedurePath>(path: P, input: ProcedureInput<P> | undefined, o?: CallOptions) =>
    transport(path, input, o) as Promise<ProcedureOutput<P>>;
  const method =
    <P extends ProcedurePath>(path: P) =>
    (input?: ProcedureInput<P>, o?: CallOptions) =>
      call(path, input ?? ({} as ProcedureInput<P>), o);
  const tenantOf = (given: string | undefined) => {
    const tenantId = given ?? options.tenantId;
    return tenantId === undefined ? {} : { tenantId };
  };

  return {
    publish(model, event, payload, publishOptions = {}) {
      // Generated before the first attempt, so every retry of this call carries the same key.
      const idempotencyKey = publishOptions.idempotencyKey ?? newIdempotencyKey();
      return call(
        'events.publish',
        { ...tenantOf(publishOptions.tenantId), model, event, payload, idempotencyKey },
        publishOptions,
      );
    },
    publishBatch(events, batchOptions = {}) {
      const keyed = events.map((item) => ({
        ...item,
        idempotencyKey: item.idempotencyKey ?? newIdempotencyKey(),
      }));
      return call('events.publishBatch', { ...tenantOf(batchOptions.tenantId), events: keyed }, batchOptions);
    },
    tenants: {
      create: method('tenants.create'),
      get: method('tenants.get'),
      list: (o) => call('tenants.list', {}, o),
      setEntitlement: method('tenants.setEntitlement'),
    },
    endpoints: {
      create: method('endpoints.create'),
      list: method('endpoints.list'),
      get: method('endpoints.get'),
      update: method('endpoints.update'),
      delete: method('endpoints.delete'),
      rotateSecret: method('endpoints.rotateSecret'),
      sendTest: method('endpoints.sendTest'),
    },
    messages: { list: method('messages.list'), get: method('messages.get') },
    deliveries: {
      list: method('deliveries.list'),
      get: method('deliveries.get'),
      redeliver: method('deliveries.redeliver'),
      recover: method('deliveries.recover'),
    },
    apiKeys: {
      create: method('apiKeys.create'),
      list: method('apiKeys.list'),
      revoke: method('apiKeys.revoke'),
    },
    portal: { createLink: method('portal.createLink') },
    call: (path, ...[input, o]) => call(path, input, o),
  };
}

function newIdempotencyKey(): string {
  return `thc_${globalThis.crypto.randomUUID()}`;
}
