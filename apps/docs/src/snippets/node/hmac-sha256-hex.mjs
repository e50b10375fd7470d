// Verify an HMAC-SHA256 hex delivery (`sha256=<hex>` of the raw body) with node:crypto only.
import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * @param {Buffer | string} rawBody the body exactly as received; never JSON.stringify(req.body)
 * @param {Record<string, string | string[] | undefined>} headers Node's req.headers (lower-case names)
 * @param {string} secret the endpoint secret, used as UTF-8 text
 * @param {{ signatureHeader?: string }} [options] e.g. 'x-opentask-signature'
 * @returns {boolean}
 */
export function verifyHmacSha256Hex(rawBody, headers, secret, options = {}) {
  const name = (options.signatureHeader ?? 'x-taskhooks-signature').toLowerCase();
  const header = headers[name];
  if (typeof header !== 'string' || !header.startsWith('sha256=')) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const given = Buffer.from(header.slice('sha256='.length), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
