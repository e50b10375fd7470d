import { HMAC_HEX_DEFAULT_HEADERS, TOKEN_HASH_DEFAULT_HEADERS } from '@taskhooks/signatures';
import type { StoredScheme } from '../store/types.js';
import { headerNameProblem } from './custom-headers.js';

/** Header names the signature scheme writes, which custom headers must not shadow. */
export function schemeHeaderNames(stored: StoredScheme): string[] {
  switch (stored.scheme) {
    case 'hmac-sha256-hex':
      return [
        stored.signatureHeader ?? HMAC_HEX_DEFAULT_HEADERS.signature,
        stored.eventHeader ?? HMAC_HEX_DEFAULT_HEADERS.event,
      ];
    case 'token-hash':
      return [
        stored.tokenHashHeader ?? TOKEN_HASH_DEFAULT_HEADERS.tokenHash,
        stored.eventHeader ?? TOKEN_HASH_DEFAULT_HEADERS.event,
      ];
    default:
      return [];
  }
}

export interface SchemeHeaderIssue {
  /** The scheme field at fault: `signatureHeader`, `tokenHashHeader` or `eventHeader`. */
  field: 'signatureHeader' | 'tokenHashHeader' | 'eventHeader';
  reason: string;
}

/**
 * Problems with the header names a scheme is configured to write. They obey the custom-header
 * rules: a signature in `Content-Length` or `Host` would corrupt every request, and a signature
 * header equal to the event header would overwrite the signature with the event name.
 */
export function findSchemeHeaderIssues(stored: StoredScheme): SchemeHeaderIssue[] {
  if (stored.scheme !== 'hmac-sha256-hex' && stored.scheme !== 'token-hash') return [];
  const proofField = stored.scheme === 'hmac-sha256-hex' ? 'signatureHeader' : 'tokenHashHeader';
  const [proofName, eventName] = schemeHeaderNames(stored) as [string, string];
  const issues: SchemeHeaderIssue[] = [];
  const proofSet = stored.scheme === 'hmac-sha256-hex' ? stored.signatureHeader : stored.tokenHashHeader;
  const proofProblem = proofSet === undefined ? undefined : headerNameProblem(proofSet);
  if (proofProblem) issues.push({ field: proofField, reason: proofProblem });
  const eventProblem = stored.eventHeader === undefined ? undefined : headerNameProblem(stored.eventHeader);
  if (eventProblem) issues.push({ field: 'eventHeader', reason: eventProblem });
  if (!proofProblem && !eventProblem && proofName.toLowerCase() === eventName.toLowerCase()) {
    issues.push({
      field: 'eventHeader',
      reason: `is the same header as ${proofField} (${proofName}); the event name would overwrite the ${
        proofField === 'signatureHeader' ? 'signature' : 'token hash'
      }`,
    });
  }
  return issues;
}
