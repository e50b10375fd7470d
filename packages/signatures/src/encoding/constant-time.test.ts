import { describe, expect, it } from 'vitest';
import { constantTimeEqualAscii, constantTimeEqualStrings } from './constant-time.js';

describe('constantTimeEqualAscii', () => {
  const digest = 'q5JgkGtVZQYFCEhSA3Lk4b5iO0Q8jP2nXwTj2VdY0s8=';

  it('accepts only the identical string', () => {
    expect(constantTimeEqualAscii(digest, digest)).toBe(true);
    expect(constantTimeEqualAscii(`${digest.slice(0, -2)}9=`, digest)).toBe(false);
    expect(constantTimeEqualAscii(digest.slice(1), digest)).toBe(false);
    expect(constantTimeEqualAscii('', digest)).toBe(false);
  });

  it('decides exactly what the UTF-8 comparison decides when the known side is ASCII', () => {
    const candidates = [digest, `é${digest.slice(1)}`, `${digest.slice(0, -1)}\ud800`, digest.toLowerCase()];
    for (const candidate of candidates) {
      expect(constantTimeEqualAscii(candidate, digest)).toBe(constantTimeEqualStrings(candidate, digest));
    }
  });
});
