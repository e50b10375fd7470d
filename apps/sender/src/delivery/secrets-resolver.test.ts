import { describe, expect, it } from 'vitest';
import { sampleEndpoint } from '../testing/fixtures.js';
import { parsePlainSecrets, plainJsonSecretsResolver, SecretsFormatError } from './secrets-resolver.js';

describe('plain JSON secrets', () => {
  it('reads secrets and headers, defaulting missing parts to empty', async () => {
    const endpoint = sampleEndpoint({ secretsSealed: '{"secrets":["a","b"],"headers":{"X-Key":"k"}}' });
    expect(await plainJsonSecretsResolver(endpoint)).toEqual({
      secrets: ['a', 'b'],
      headers: { 'X-Key': 'k' },
    });
    expect(parsePlainSecrets('ep', '{}')).toEqual({ secrets: [], headers: {} });
  });

  const bad: Array<[string, string, RegExp]> = [
    ['not JSON', '{"secrets":["topsecret"', /not valid JSON/],
    ['an array', '["topsecret"]', /expected an object/],
    ['secrets not strings', '{"secrets":[1]}', /"secrets\[0\]" must be a string/],
    ['headers an array', '{"headers":["topsecret"]}', /"headers" must be an object/],
    ['header value not a string', '{"headers":{"X-A":{"v":"topsecret"}}}', /"headers.X-A" must be a string/],
  ];
  it.each(bad)('rejects %s without quoting the content', (_name, sealed, reason) => {
    expect(() => parsePlainSecrets('ep_9', sealed)).toThrow(SecretsFormatError);
    expect(() => parsePlainSecrets('ep_9', sealed)).toThrow(reason);
    expect(() => parsePlainSecrets('ep_9', sealed)).not.toThrow(/topsecret/);
    expect(() => parsePlainSecrets('ep_9', sealed)).toThrow(/endpoint ep_9/);
  });
});
