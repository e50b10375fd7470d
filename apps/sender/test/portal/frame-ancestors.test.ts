import { describe, expect, it } from 'vitest';
import { frameAncestorsFor, parseFrameAncestors } from '../../src/portal/frame-ancestors.js';

describe('TASKHOOKS_PORTAL_FRAME_ANCESTORS', () => {
  it('accepts CSP sources separated by spaces or commas', () => {
    expect(parseFrameAncestors("https://app.example.com 'self'")).toEqual([
      'https://app.example.com',
      "'self'",
    ]);
    expect(parseFrameAncestors('http://localhost:3000, https://*.example.com')).toEqual([
      'http://localhost:3000',
      'https://*.example.com',
    ]);
    expect(parseFrameAncestors('*')).toEqual(['*']);
  });

  it('refuses anything that could add another directive or is not a source', () => {
    for (const bad of [
      '',
      "https://a.example; script-src 'unsafe-inline'",
      "'none' https://a.example",
      'https://a.example;',
      'https://a b/c d',
      '"self"',
    ]) {
      expect(parseFrameAncestors(bad), JSON.stringify(bad)).toBeNull();
    }
  });

  it('defaults to any page in development and to the sender itself in production', () => {
    expect(frameAncestorsFor(undefined, 'development')).toEqual(['*']);
    expect(frameAncestorsFor(undefined, 'production')).toEqual(["'self'"]);
    expect(frameAncestorsFor('https://app.example.com', 'production')).toEqual(['https://app.example.com']);
  });
});
