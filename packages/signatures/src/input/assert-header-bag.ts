import { SignatureError } from '../errors.js';
import type { HeaderBag } from '../types.js';

export function assertHeaderBag(headers: unknown): asserts headers is HeaderBag {
  if (headers === null || typeof headers !== 'object') {
    throw new SignatureError(
      'missing_headers',
      `Expected the request headers as a Headers object or a plain object (e.g. req.headers or request.headers), got ${headers === null ? 'null' : typeof headers}.`,
    );
  }
}
