// Public surface of the delivery side of the sender: policies, HTTP dispatch, request building and the worker.

export type { BuildRequestInput, BuiltRequest } from './build-request.js';
export { buildRequest, DEFAULT_USER_AGENT, UndeliverableMessageError } from './build-request.js';
export type { CircuitBreakerOptions, CircuitSnapshot, CircuitState } from './circuit-breaker.js';
export { CircuitBreaker } from './circuit-breaker.js';
export { DESTINATION_BLOCKED_CODE } from './classify-error.js';
export type { CustomHeaderIssue, ValidateCustomHeadersOptions } from './custom-headers.js';
export {
  CustomHeaderError,
  findCustomHeaderIssues,
  headerNameProblem,
  MAX_CUSTOM_HEADER_VALUE_LENGTH,
  MAX_CUSTOM_HEADERS,
  validateCustomHeaders,
} from './custom-headers.js';
export type { DeliverOneOutcome } from './deliver-one.js';
export type { DispatchErrorKind, DispatchResult } from './dispatch-result.js';
export { DEFAULT_DISABLE_AFTER_MS, EndpointHealth } from './endpoint-health.js';
export { EndpointLimiter } from './endpoint-limiter.js';
export type {
  DispatchOptions,
  HttpDispatcher,
  HttpDispatcherOptions,
  OutboundRequest,
} from './http-dispatch.js';
export { createHttpDispatcher, DEFAULT_BODY_EXCERPT_BYTES, DEFAULT_TIMEOUT_MS } from './http-dispatch.js';
export type { DeliveryPreset, PresetName } from './presets.js';
export { getPreset, isPresetName, presetNames } from './presets.js';
export { parseRetryAfterMs } from './retry-after.js';
export type { AttemptResultForPolicy, NextStep, RetryPolicy } from './retry-policy.js';
export { decideNextStep, isRetryable, retryDelayMs, scheduledDelayMs } from './retry-policy.js';
export type { SchemeHeaderIssue } from './scheme-headers.js';
export { findSchemeHeaderIssues, schemeHeaderNames } from './scheme-headers.js';
export type { ResolvedSecrets, SecretsResolver } from './secrets-resolver.js';
export { parsePlainSecrets, plainJsonSecretsResolver, SecretsFormatError } from './secrets-resolver.js';
export type { DeliveryWorker, DeliveryWorkerOptions, WorkerLogger, WorkerStats } from './worker.js';
export { createDeliveryWorker } from './worker.js';
