import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { pathParamsOf, type RestOperation } from './operation.js';
import { RouteTable } from './route-table.js';

const op = (method: RestOperation['method'], path: string): RestOperation => ({
  operationId: `${method} ${path}`,
  method,
  path,
  summary: '',
  tag: 't',
  status: 200,
  procedure: 'endpoints.get',
  pathParams: pathParamsOf(path),
  request: z.object({}),
  response: z.object({}),
});

describe('RouteTable', () => {
  const table = new RouteTable([
    op('GET', '/api/events/{id}'),
    op('POST', '/api/events/batch'),
    op('GET', '/api/webhooks/{id}/deliveries'),
    op('PATCH', '/api/webhooks/{id}'),
    op('DELETE', '/api/webhooks/{id}'),
  ]);

  it('prefers literal segments over parameters and decodes parameters', () => {
    const batch = table.match('POST', '/api/events/batch');
    expect(batch.kind === 'found' && batch.operation.path).toBe('/api/events/batch');
    const byId = table.match('GET', '/api/webhooks/a%20b/deliveries');
    expect(byId).toMatchObject({ kind: 'found', params: { id: 'a b' } });
    expect(table.match('GET', '/api/webhooks/a/deliveries/')).toMatchObject({ kind: 'found' });
  });

  it('names a parameter that is not valid percent-encoding instead of throwing', () => {
    for (const raw of ['%E0%A4%A', '%', '%ZZ', '%FF']) {
      expect(table.match('GET', `/api/webhooks/${raw}/deliveries`)).toMatchObject({
        kind: 'invalid_param',
        name: 'id',
      });
    }
    expect(table.match('GET', '/api/webhooks/%E2%9C%93/deliveries')).toMatchObject({ params: { id: '✓' } });
  });

  it('tells a wrong method (with what is allowed) from a missing path', () => {
    expect(table.match('PUT', '/api/webhooks/x')).toEqual({
      kind: 'method_not_allowed',
      allowed: ['PATCH', 'DELETE'],
    });
    expect(table.match('GET', '/api/webhooks/x/y/z')).toEqual({ kind: 'not_found' });
    // A parameter never spans segments.
    expect(table.match('PATCH', '/api/webhooks/a/b')).toEqual({ kind: 'not_found' });
  });

  it('refuses two operations on the same method and path shape', () => {
    expect(() => new RouteTable([op('GET', '/api/x/{a}'), op('GET', '/api/x/{b}')])).toThrow(
      /two REST operations/,
    );
  });
});
