import { type SignatureErrorCode, WebhookError } from './webhook-error.js';

const signatureCodes = new Set<string>([
  'missing_headers',
  'bad_signature',
  'timestamp_too_old',
  'timestamp_too_new',
  'invalid_timestamp',
  'invalid_secret',
  'no_secret',
  'body_not_raw',
]);

/** Codes about the receiver's own secrets: the operator must fix them; callers are not told how. */
const secretCodes = new Set<string>(['invalid_secret', 'no_secret']);

/**
 * Turns whatever `verifyRequest` threw into a WebhookError. SignatureError messages already name
 * the fix and never contain secrets, so they are kept; only the verifier's option name is
 * translated to ours. Matched by `code`, not `instanceof`, so two copies of
 * @taskhooks/signatures in one bundle still map correctly.
 */
export function fromSignatureFailure(error: unknown): WebhookError {
  const code = (error as { code?: unknown } | null)?.code;
  if (!(error instanceof Error) || typeof code !== 'string' || !signatureCodes.has(code)) {
    // Not a request problem (the verifier throws TypeError/RangeError for a bad scheme config):
    // 5xx, so the sender keeps the delivery until the receiver's configuration is fixed.
    const reason = error instanceof Error ? error.message : String(error);
    return new WebhookError(
      'internal_error',
      `The signature verifier rejected this receiver's configuration: ${reason}`,
      {
        cause: error,
        publicMessage: 'The receiver is misconfigured; the delivery was not processed.',
      },
    );
  }
  const message = error.message.replace(/\btoleranceSeconds\b/g, '`tolerance` (seconds)');
  // Whoever sent the request (maybe not the sender) learns nothing about the receiver's secrets.
  const publicMessage = secretCodes.has(code)
    ? 'The receiver is misconfigured; the delivery was not processed.'
    : undefined;
  return new WebhookError(code as SignatureErrorCode, message, { cause: error, publicMessage });
}
