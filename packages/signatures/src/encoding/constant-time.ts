import { utf8Bytes } from './utf8.js';

/**
 * Compares without an early exit so the time taken does not reveal how many leading bytes matched.
 * A length mismatch returns immediately: lengths here are public (fixed-size digests and encodings).
 */
export function constantTimeEqualBytes(left: Uint8Array, right: Uint8Array): boolean {
  if (left.length !== right.length) return false;
  let difference = 0;
  for (let index = 0; index < left.length; index++) difference |= left[index]! ^ right[index]!;
  return difference === 0;
}

export function constantTimeEqualStrings(left: string, right: string): boolean {
  return constantTimeEqualBytes(utf8Bytes(left), utf8Bytes(right));
}
