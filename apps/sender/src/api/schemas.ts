import { SenderError } from '../errors/sender-errors.js';

// The procedures' input/output schemas live in @taskhooks/sender-client (`apiProcedures`), so the
// published client and this router share one definition.

export function notFound(what: string, path: string, id: string): SenderError {
  return new SenderError('not_found', `${what} "${id}" does not exist`, [
    { path, code: 'not_found', message: `no such ${what}` },
  ]);
}

/** Parses a stored payload for display; a purged payload is null. */
export function parsePayload(payloadJson: string | null): unknown {
  return payloadJson === null ? null : (JSON.parse(payloadJson) as unknown);
}
