// The typed client of the taskhooks sender, and the API's schemas (the sender is built from them).
export * from './api-schemas/index.js';
export {
  type CallArguments,
  createSenderClient,
  type PublishBatchOptions,
  type PublishOptions,
  type SenderClient,
  type SenderClientOptions,
} from './client/create-sender-client.js';
export { type ApiIssue, SenderApiError, SenderConnectionError } from './client/errors.js';
export { type PublishEvent, publishEvent } from './client/publish-types.js';
export type { RetryOptions } from './client/retry.js';
export type { CallOptions, RetryInfo } from './client/transport.js';
