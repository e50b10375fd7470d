import { apiProcedures } from '@taskhooks/sender-client';
import { describe, expect, it } from 'vitest';
import { SenderError } from '../errors/sender-errors.js';
import { queryToInput } from './query-params.js';

const deliveriesList = apiProcedures['deliveries.list'].input;

describe('queryToInput', () => {
  it('coerces by the input schema: integers, number-or-date unions, enums stay strings', () => {
    const input = queryToInput(
      deliveriesList,
      new URLSearchParams(
        'endpointId=42&limit=20&since=1714000000000&until=2026-05-01T00:00:00Z&status=failed',
      ),
    );
    expect(input).toEqual({
      endpointId: '42',
      limit: 20,
      since: 1714000000000,
      until: '2026-05-01T00:00:00Z',
      status: 'failed',
    });
    expect(deliveriesList.parse(input)).toMatchObject({
      limit: 20,
      until: Date.parse('2026-05-01T00:00:00Z'),
    });
  });

  it('leaves non-numeric text for the schema to reject by field', () => {
    const input = queryToInput(deliveriesList, new URLSearchParams('endpointId=e&limit=lots'));
    expect(input.limit).toBe('lots');
    const parsed = deliveriesList.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['limit']);
  });

  it('refuses a single-valued parameter given twice, by name, rather than guess which was meant', () => {
    const repeated = () =>
      queryToInput(deliveriesList, new URLSearchParams('endpointId=a&endpointId=b&limit=10&limit=abc'));
    expect(repeated).toThrow(SenderError);
    expect(repeated).toThrow(
      'query parameter(s) given more than once: endpointId, limit; each takes one value',
    );
  });

  it('refuses unknown parameters by name, listing the accepted ones', () => {
    try {
      queryToInput(deliveriesList, new URLSearchParams('endpointId=e&state=failed&sort=asc'));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SenderError);
      const senderError = error as SenderError;
      expect(senderError.issues.map((i) => i.path)).toEqual(['state', 'sort']);
      expect(senderError.message).toContain('status');
    }
  });
});
