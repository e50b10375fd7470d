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

/**
 * For a `known` value that is pure ASCII (base64 or hex digests): code-unit equality then means
 * exactly UTF-8 byte equality, since any non-ASCII unit in `candidate` encodes to bytes >= 0x80.
 * Compares without encoding either side; same no-early-exit rule as above.
 */
export function constantTimeEqualAscii(candidate: string, known: string): boolean {
  if (candidate.length !== known.length) return false;
  let difference = 0;
  for (let index = 0; index < known.length; index++) {
    difference |= candidate.charCodeAt(index) ^ known.charCodeAt(index);
  }
  return difference === 0;
}
