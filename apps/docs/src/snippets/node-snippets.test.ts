import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { snippetsDir } from '../guides/snippets.js';
import { type FailureVector, loadVectors, type SignVector } from './vectors.js';

type Headers = Record<string, string>;
type Verify = (vector: {
  body: string;
  headers: Headers;
  secrets: string[];
  scheme: SignVector['scheme'];
  nowSeconds: number;
  toleranceSeconds?: number;
}) => boolean;

async function importSnippet<T>(file: string): Promise<T> {
  return (await import(pathToFileURL(`${snippetsDir}${file}`).href)) as T;
}

const standard = await importSnippet<{
  verifyStandardWebhook(body: string, headers: Headers, secrets: string[], options?: object): boolean;
}>('node/standard-webhooks.mjs');
const hmacHex = await importSnippet<{
  verifyHmacSha256Hex(body: string, headers: Headers, secret: string, options?: object): boolean;
}>('node/hmac-sha256-hex.mjs');
const tokenHash = await importSnippet<{
  verifyTokenHash(headers: Headers, token: string, options?: object): boolean;
}>('node/token-hash.mjs');
const headerAuth = await importSnippet<{ verifyHeaderAuth(headers: Headers, expected: Headers): boolean }>(
  'node/header-auth.mjs',
);

/** Calls the snippet of the vector's scheme exactly as the guide tells readers to. */
const verifyWithSnippet: Verify = ({ body, headers, secrets, scheme, nowSeconds, toleranceSeconds }) => {
  switch (scheme.scheme) {
    case 'standard-webhooks':
      return standard.verifyStandardWebhook(body, headers, secrets, {
        nowSeconds,
        ...(toleranceSeconds === undefined ? {} : { toleranceSeconds }),
      });
    case 'hmac-sha256-hex':
      return secrets.some((secret) =>
        hmacHex.verifyHmacSha256Hex(body, headers, secret, { signatureHeader: scheme.signatureHeader }),
      );
    case 'token-hash':
      return secrets.some((token) =>
        tokenHash.verifyTokenHash(headers, token, { tokenHashHeader: scheme.tokenHashHeader }),
      );
    case 'header-auth':
      return headerAuth.verifyHeaderAuth(headers, scheme.headers);
  }
};

const vectors = loadVectors();

describe('Node snippets accept every signed test vector', () => {
  it('covers all four schemes', () => {
    expect(new Set(vectors.sign.map((v) => v.scheme.scheme))).toEqual(
      new Set(['standard-webhooks', 'hmac-sha256-hex', 'token-hash', 'header-auth']),
    );
  });

  it.each(vectors.sign.map((v) => [`${v.scheme.scheme}: ${v.name}`, v] as const))('%s', (_name, vector) => {
    const { input } = vector;
    expect(
      verifyWithSnippet({
        body: input.body,
        headers: vector.expectedHeaders,
        secrets: input.secrets,
        scheme: vector.scheme,
        nowSeconds: input.timestamp,
      }),
    ).toBe(true);
  });

  const bodySigned = vectors.sign.filter((v) =>
    ['standard-webhooks', 'hmac-sha256-hex'].includes(v.scheme.scheme),
  );
  it.each(bodySigned.map((v) => [`${v.scheme.scheme}: ${v.name}`, v] as const))(
    '%s is rejected once one byte is appended to the body',
    (_name, vector) => {
      const { input } = vector;
      expect(
        verifyWithSnippet({
          body: `${input.body} `,
          headers: vector.expectedHeaders,
          secrets: input.secrets,
          scheme: vector.scheme,
          nowSeconds: input.timestamp,
        }),
      ).toBe(false);
    },
  );
});

describe('Node snippets reject every failure vector', () => {
  it.each(vectors.verifyFailures.map((v) => [`${v.name} (${v.expectedError})`, v] as const))(
    '%s',
    (_name, vector: FailureVector) => {
      expect(verifyWithSnippet(vector)).toBe(false);
    },
  );
});
