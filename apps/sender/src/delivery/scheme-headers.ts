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
  const proofRole = stored.scheme === 'hmac-sha256-hex' ? 'signature header' : 'token-hash header';
  const [proofName, eventName] = schemeHeaderNames(stored) as [string, string];
  const proofSet = stored.scheme === 'hmac-sha256-hex' ? stored.signatureHeader : stored.tokenHashHeader;
  const issues: SchemeHeaderIssue[] = [];
  const proofProblem = proofSet === undefined ? undefined : headerNameProblem(proofSet);
  if (proofProblem) issues.push({ field: proofField, reason: proofProblem });
  const eventProblem = stored.eventHeader === undefined ? undefined : headerNameProblem(stored.eventHeader);
  if (eventProblem) issues.push({ field: 'eventHeader', reason: eventProblem });
  if (!proofProblem && !eventProblem && proofName.toLowerCase() === eventName.toLowerCase()) {
    // Blame the name the caller chose; when both were chosen, the event header's.
    const eventChosen = stored.eventHeader !== undefined;
    const other = eventChosen ? proofRole : 'event header';
    const otherName = eventChosen ? proofName : eventName;
    const isDefault = (eventChosen ? proofSet : stored.eventHeader) === undefined ? ', the default' : '';
    issues.push({
      field: eventChosen ? 'eventHeader' : proofField,
      reason: `is the same header as the ${other} (${otherName}${isDefault}); one would overwrite the other`,
    });
  }
  return issues;
}
