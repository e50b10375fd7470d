import fc from 'fast-check';
import { SSRF_MATRIX } from '../../src/security/testing/ssrf-matrix.js';

/** One part of an endpoint input: its value and, when it is bad, which field the 400 must name. */
interface Part<T> {
  value: T;
  bad: string | null;
}

export interface EndpointCase {
  op: 'create' | 'update';
  url: Part<string | undefined>;
  method: Part<unknown>;
  headers: Part<unknown>;
  /** Fields a refusal may name (every bad part); empty when every part is good. */
  badFields: string[];
  kinds: string[];
}

const good = <T>(value: T): Part<T> => ({ value, bad: null });
const bad = <T>(kind: string, value: T): Part<T> => ({ value, bad: kind });

// Ports well clear of the WHATWG bad-port list; every host is a literal or *.localhost (no DNS).
const port = fc.integer({ min: 20_000, max: 60_000 });
const label = fc.stringMatching(/^[a-z0-9]{1,20}$/);
const idnLabel = fc.constantFrom('bücher', 'пример', '例え', 'ünïcödé', 'straße', 'ﬁle');
const goodHost = fc.oneof(
  fc.constant('127.0.0.1'),
  fc.constant('[::1]'),
  fc.constant('10.1.2.3'),
  label.map((l) => `${l}.localhost`),
  idnLabel.map((l) => `${l}.localhost`),
);

const goodUrl = fc
  .tuple(fc.constantFrom('http', 'https'), goodHost, port, fc.webPath(), fc.webQueryParameters())
  .map(([scheme, host, p, path, query]) => `${scheme}://${host}:${p}${path}${query ? `?${query}` : ''}`);

/** Addresses development mode still refuses (metadata, link-local, multicast, reserved …), from the SSRF matrix. */
const blockedHosts = SSRF_MATRIX.filter((row) => !row.development && !row.address.includes('%')).map((row) =>
  row.address.includes(':') ? `[${row.address}]` : row.address,
);

const badUrl: fc.Arbitrary<Part<string>> = fc.oneof(
  fc
    .tuple(fc.constantFrom('ftp', 'file', 'gopher', 'ws', 'wss', 'ssh', 'ldap', 'dict', 'jar'), port)
    .map(([scheme, p]) => bad('url: scheme', `${scheme}://127.0.0.1:${p}/hook`)),
  fc
    .constantFrom(
      'javascript:alert(1)',
      'data:text/plain,hi',
      'file:///etc/passwd',
      'mailto:a@b.c',
      'about:blank',
    )
    .map((url) => bad('url: scheme', url)),
  fc
    .tuple(fc.stringMatching(/^[a-z]{1,8}$/), fc.option(fc.stringMatching(/^[a-zA-Z0-9]{1,12}$/)), port)
    .map(([user, pass, p]) =>
      bad('url: credentials', `http://${user}${pass ? `:${pass}` : ''}@127.0.0.1:${p}/`),
    ),
  fc
    .integer({ min: 2_049, max: 60_000 })
    .map((n) => bad('url: huge', `http://127.0.0.1:30000/${'a'.repeat(n)}`)),
  fc
    .tuple(fc.constantFrom(...blockedHosts), port)
    .map(([host, p]) => bad('url: blocked address', `http://${host}:${p}/`)),
  fc.constantFrom(22, 25, 110, 6667, 10080).map((p) => bad('url: bad port', `http://127.0.0.1:${p}/`)),
  fc
    .oneof(
      fc.constantFrom(
        '',
        'not a url',
        'http://',
        '//127.0.0.1/x',
        'http://[::1',
        'http://127.0.0.1:99999/',
        'http:/127.0.0.1/x',
        'https:127.0.0.1/x',
        'http:\\\\127.0.0.1/x',
      ),
      fc.string({ maxLength: 30 }).filter((s) => !/^https?:/i.test(s)),
    )
    .map((url) => bad('url: malformed', url)),
);

const goodMethod = fc.constantFrom('POST', 'PUT', 'PATCH');
const badMethod: fc.Arbitrary<Part<unknown>> = fc.oneof(
  fc
    .constantFrom('GET', 'DELETE', 'HEAD', 'OPTIONS', 'CONNECT', 'TRACE', 'post', 'Put', '')
    .map((m) => bad('method', m)),
  fc.oneof(fc.integer(), fc.constant(null), fc.boolean()).map((m) => bad('method: type', m)),
);

const headerName = fc.stringMatching(/^[A-Za-z0-9]{1,16}$/).map((n) => `x-fz-${n}`);
// Visible ASCII with inner spaces, led by a random token so accepted values can be scanned for later.
const headerValue = fc
  .tuple(fc.stringMatching(/^[A-Za-z0-9]{16}$/), fc.stringMatching(/^([\x20-\x7e]{0,40}[\x21-\x7e])?$/))
  .map(([token, rest]) => `${token}${rest}`);
const goodHeaders = fc
  .uniqueArray(fc.tuple(headerName, headerValue), {
    maxLength: 3,
    selector: ([name]) => name.toLowerCase(),
  })
  .map((entries) => Object.fromEntries(entries));

const badHeaders: fc.Arbitrary<Part<unknown>> = fc.oneof(
  headerValue.map((v) => bad('headers: CRLF in value', { 'x-fz-a': `${v}\r\nX-Injected: 1` })),
  headerValue.map((v) => bad('headers: LF in value', { 'x-fz-a': `${v}\nX-Injected: 1` })),
  headerValue.map((v) => bad('headers: CRLF in name', { 'X-A\r\nX-Injected': v })),
  headerValue.map((v) => bad('headers: NUL in value', { 'x-fz-a': `${v}\u0000` })),
  fc
    .tuple(
      fc.constantFrom(
        'Connection',
        'Keep-Alive',
        'Transfer-Encoding',
        'Upgrade',
        'TE',
        'Trailer',
        'Host',
        'Content-Length',
        'Content-Type',
        'Content-Encoding',
        'Expect',
        'webhook-signature',
        'Webhook-Id',
      ),
      headerValue,
    )
    .map(([name, v]) => bad('headers: forbidden name', { [name]: v })),
  fc
    .tuple(fc.constantFrom('X Space', 'X:Colon', 'Ünï', '(x)', '', 'x@y', 'a/b'), headerValue)
    .map(([name, v]) => bad('headers: not a token', { [name]: v })),
  fc
    .integer({ min: 8_193, max: 50_000 })
    .map((n) => bad('headers: huge value', { 'x-fz-big': 'v'.repeat(n) })),
  fc
    .integer({ min: 33, max: 40 })
    .map((n) =>
      bad(
        'headers: too many',
        Object.fromEntries(Array.from({ length: n }, (_, i) => [`x-fz-${i}`, `value-${i}`])),
      ),
    ),
  fc
    .oneof(fc.integer(), fc.constant(null), fc.array(fc.string()))
    .map((v) => bad('headers: not a string', { 'x-fz-a': v })),
  headerValue.map((v) => bad('headers: duplicate', { 'X-Dup': v, 'x-dup': v })),
  fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 2 })).map((v) => bad('headers: not an object', v)),
);

const part = <T>(goodArb: fc.Arbitrary<T>, badArb: fc.Arbitrary<Part<unknown>>) =>
  fc.oneof({ weight: 3, arbitrary: goodArb.map((v) => good<unknown>(v)) }, { weight: 1, arbitrary: badArb });

/** Create or update inputs where each part (URL, method, header JSON) is independently good or bad. */
export function endpointCaseArbitrary(): fc.Arbitrary<EndpointCase> {
  return fc
    .record({
      op: fc.constantFrom('create' as const, 'update' as const),
      url: part(goodUrl, badUrl),
      method: part(goodMethod, badMethod),
      headers: part(goodHeaders, badHeaders),
    })
    .map((c) => {
      const badParts = [c.url, c.method, c.headers].filter((p) => p.bad !== null);
      return {
        ...c,
        url: c.url as Part<string | undefined>,
        badFields: badParts.map((p) => p.bad!.split(':')[0]!),
        kinds: badParts.length === 0 ? ['valid'] : badParts.map((p) => p.bad!),
      };
    });
}
