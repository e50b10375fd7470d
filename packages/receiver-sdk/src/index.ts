export type { DedupeOptions, DedupeStore } from './dedupe/dedupe-store.js';
export { createMemoryDedupeStore, type MemoryDedupeStoreOptions } from './dedupe/memory-store.js';
export {
  defaultMaxBodyBytes,
  defaultToleranceSeconds,
  type SecretOptions,
  type VerifyConfig,
} from './delivery/config.js';
export type { RawRequest } from './delivery/decode-delivery.js';
export type {
  DeliveryHeaders,
  EventDelivery,
  ReceivedDelivery,
  UnknownDelivery,
} from './delivery/delivery.js';
export {
  isWebhookError,
  type SignatureErrorCode,
  WebhookError,
  type WebhookErrorCode,
  webhookErrorStatus,
} from './errors/webhook-error.js';
export {
  createReceiver,
  type ReceiveRequest,
  type Receiver,
  type ReceiverOptions,
} from './receiver/create-receiver.js';
export type { ErrorHandler, EventHandler, UnknownHandler } from './receiver/handlers.js';
export type { ReceiveOutcome, ReceiveResult } from './receiver/receive-result.js';
export { type VerifyOptions, verify } from './verify/verify.js';
