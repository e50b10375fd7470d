import { SenderError } from '../../errors/sender-errors.js';
import { signingSecretProblem } from '../../security/signing-secret.js';
import type { StoredScheme } from '../../store/types.js';

/**
 * A caller-chosen signing secret (endpoints.create `secret`), checked against the scheme's shape
 * (see signingSecretProblem); the input schema already bounds the length and alphabet for the
 * others. Errors never quote the secret.
 */
export function checkProvidedSecret(secret: string, scheme: StoredScheme): string {
  const problem = signingSecretProblem(secret, scheme.scheme);
  if (problem === null) return secret;
  throw new SenderError('invalid_request', `secret: ${problem}`, [
    { path: 'secret', code: 'invalid_secret', message: problem },
  ]);
}
