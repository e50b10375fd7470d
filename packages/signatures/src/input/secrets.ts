import { SignatureError } from '../errors.js';

/** Validates the shape only; scheme-specific decoding (e.g. whsec_ base64) happens in the scheme. */
export function assertSecrets(secrets: unknown, what: string): asserts secrets is readonly string[] {
  if (secrets === undefined || secrets === null || (Array.isArray(secrets) && secrets.length === 0)) {
    throw new SignatureError(
      'no_secret',
      `No ${what} configured: pass at least one in \`secrets\` (during rotation, all active ones).`,
    );
  }
  if (!Array.isArray(secrets)) {
    throw new SignatureError(
      'invalid_secret',
      `\`secrets\` must be an array of strings, got ${typeof secrets}: wrap a single secret as [secret].`,
    );
  }
  secrets.forEach((secret: unknown, index) => {
    if (typeof secret !== 'string') {
      throw new SignatureError('invalid_secret', `secrets[${index}] must be a string, got ${typeof secret}.`);
    }
    if (secret.length === 0) {
      throw new SignatureError('invalid_secret', `secrets[${index}] is empty: configure the ${what} value.`);
    }
  });
}
