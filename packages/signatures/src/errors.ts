export type SignatureErrorCode =
  | 'missing_headers'
  | 'bad_signature'
  | 'timestamp_too_old'
  | 'timestamp_too_new'
  | 'invalid_timestamp'
  | 'invalid_secret'
  | 'no_secret'
  | 'body_not_raw';

/**
 * The only error `verifyRequest` throws for a bad request. Messages name the fix and never contain a secret,
 * so they are safe to log and (for 4xx responses) to return to the sender.
 */
export class SignatureError extends Error {
  readonly code: SignatureErrorCode;

  constructor(code: SignatureErrorCode, message: string) {
    super(message);
    this.name = 'SignatureError';
    this.code = code;
  }
}

export function isSignatureError(error: unknown): error is SignatureError {
  return error instanceof SignatureError;
}
