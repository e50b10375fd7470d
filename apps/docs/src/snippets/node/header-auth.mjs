// Check the static auth headers you configured on the sender (e.g. Authorization: Bearer …).
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * @param {Record<string, string | string[] | undefined>} headers Node's req.headers (lower-case names)
 * @param {Record<string, string>} expected e.g. { Authorization: `Bearer ${process.env.WEBHOOK_TOKEN}` }
 * @returns {boolean} true when every expected header is present with exactly that value
 */
export function verifyHeaderAuth(headers, expected) {
  const entries = Object.entries(expected);
  if (entries.length === 0) return false;
  return entries.every(([name, value]) => {
    const given = headers[name.toLowerCase()];
    // Hashing first gives equal-length buffers, so the comparison time does not leak the length.
    return typeof given === 'string' && timingSafeEqual(sha256(given), sha256(value));
  });
}

function sha256(text) {
  return createHash('sha256').update(text, 'utf8').digest();
}
