// Verify a Standard Webhooks delivery with node:crypto only (no dependencies).
import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * @param {Buffer | string} rawBody the body exactly as received; never JSON.stringify(req.body)
 * @param {Record<string, string | string[] | undefined>} headers Node's req.headers (lower-case names)
 * @param {string | string[]} secrets 'whsec_…'; pass several while rotating
 * @returns {boolean} true when the signature matches and the timestamp is fresh
 */
export function verifyStandardWebhook(rawBody, headers, secrets, options = {}) {
  const { toleranceSeconds = 300, nowSeconds = Math.floor(Date.now() / 1000) } = options;
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (typeof id !== 'string' || typeof timestamp !== 'string' || typeof signatures !== 'string') return false;
  // Unix seconds only; a stale or future timestamp means a replay or a wrong clock.
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return false;

  const given = signatures
    .split(' ')
    .filter((entry) => entry.startsWith('v1,'))
    .map((entry) => Buffer.from(entry.slice(3), 'base64'));
  return [secrets].flat().some((secret) => {
    const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
    const expected = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(rawBody).digest();
    return given.some(
      (signature) => signature.length === expected.length && timingSafeEqual(signature, expected),
    );
  });
}
