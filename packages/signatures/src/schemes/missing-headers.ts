import { SignatureError } from '../errors.js';

export function throwMissingHeaders(
  missing: readonly string[],
  schemeLabel: string,
  expected: readonly string[],
): never {
  const plural = missing.length === 1 ? 'header' : 'headers';
  throw new SignatureError(
    'missing_headers',
    `Missing ${missing.join(', ')} ${plural}: the request was not sent with the ${schemeLabel} scheme, or a proxy stripped ${missing.length === 1 ? 'it' : 'them'}. This endpoint expects ${expected.join(', ')}.`,
  );
}
