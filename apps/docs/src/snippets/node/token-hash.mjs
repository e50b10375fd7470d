// Verify a token-hash delivery: the header carries the hex SHA-256 of your endpoint token.
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The body is not signed by this scheme: use HTTPS and trust only what the sender can know.
 * @param {Record<string, string | string[] | undefined>} headers Node's req.headers (lower-case names)
 * @param {string} token the endpoint token you configured
 * @param {{ tokenHashHeader?: string }} [options] e.g. 'x-chaster-token-hash'
 * @returns {boolean}
 */
export function verifyTokenHash(headers, token, options = {}) {
  const name = (options.tokenHashHeader ?? 'x-webhook-token-hash').toLowerCase();
  const header = headers[name];
  if (typeof header !== 'string' || !/^[0-9a-f]{64}$/i.test(header)) return false;
  const expected = createHash('sha256').update(token, 'utf8').digest();
  return timingSafeEqual(Buffer.from(header, 'hex'), expected);
}
