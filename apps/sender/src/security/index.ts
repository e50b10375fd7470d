// Public surface of the sender's security building blocks: sealing secrets at rest, the SSRF
// guard for deliveries, API keys, rate limiting and log-safe headers.

export type { AddressClass, AddressClassification } from './address-classes.js';
export { classifyAddress, isLocalhostName } from './address-classes.js';
export type { ApiKeyKind, GeneratedApiKey } from './api-keys.js';
export { displayPrefixOf, generateApiKey, hashApiKey, parseApiKey, verifyApiKey } from './api-keys.js';
export type { AddressVerdict, DestinationPolicyInput } from './destination-policy.js';
export { DestinationPolicy, parseDestinationAllowlist } from './destination-policy.js';
export type { EncryptionKey } from './encryption-key.js';
export { EncryptionKeyError, keyIdOf, parseEncryptionKey } from './encryption-key.js';
export type { LoadEncryptionKeysOptions, LoadedEncryptionKeys } from './encryption-keys.js';
export { ENCRYPTION_KEY_VAR, loadEncryptionKeys, OLD_ENCRYPTION_KEYS_VAR } from './encryption-keys.js';
export type { RateDecision, RateLimiterOptions } from './rate-limiter.js';
export { TokenBucketRateLimiter } from './rate-limiter.js';
export type { AnyHeaders, LogSafeHeadersOptions } from './redact.js';
export { REDACTED, toLogSafeHeaders } from './redact.js';
export type { SecretBoxErrorReason, SecretBoxKeys } from './secret-box.js';
export { SecretBox, SecretBoxError } from './secret-box.js';
export type { SecurityMode } from './security-mode.js';
export type {
  BlockReason,
  Destination,
  GuardedConnectorOptions,
  ResolveHost,
  ValidateEndpointUrlOptions,
  VettedDestination,
} from './ssrf-guard.js';
export {
  createGuardedConnector,
  DestinationBlockedError,
  resolveWithSystemDns,
  validateEndpointUrl,
  vetDestination,
} from './ssrf-guard.js';
