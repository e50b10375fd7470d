// Everything that does not depend on the crypto backend; shared by index.ts and web.ts.

export type { SignatureApi } from './api.js';
export { isSignatureError, SignatureError, type SignatureErrorCode } from './errors.js';
export { flattenHeaders } from './input/headers.js';
export { DEFAULT_TOLERANCE_SECONDS } from './input/timestamp.js';
export { REDACTED, redactHeaders } from './redact/redact-headers.js';
export type { HeaderAuthSignInput, HeaderAuthVerifyInput } from './schemes/header-auth.js';
export {
  HMAC_HEX_DEFAULT_HEADERS,
  type HmacHexHeaderOptions,
  type HmacHexSignInput,
  type HmacHexVerifyInput,
} from './schemes/hmac-hex.js';
export {
  decodeStandardWebhookSecret,
  STANDARD_WEBHOOK_HEADERS,
  STANDARD_WEBHOOK_SECRET_PREFIX,
  type StandardWebhookSignInput,
  type StandardWebhookVerifyInput,
} from './schemes/standard-webhooks.js';
export {
  TOKEN_HASH_DEFAULT_HEADERS,
  type TokenHashHeaderOptions,
  type TokenHashSignInput,
  type TokenHashVerifyInput,
} from './schemes/token-hash.js';
export { checkSchemeSecrets } from './secrets/check-scheme-secrets.js';
export { generateSecret } from './secrets/generate-secret.js';
export type {
  HeaderBag,
  SchemeConfig,
  SchemeName,
  SignedHeaders,
  SignRequestInput,
  VerifiedRequest,
  VerifyRequestInput,
  WebhookBody,
} from './types.js';
