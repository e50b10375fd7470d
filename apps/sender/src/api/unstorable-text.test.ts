import { TRPCError } from '@trpc/server';
import { expect, it } from 'vitest';
import { TEST_DATABASE_URL } from '../testing/temp-store.js';
import { mapProcedureError } from './trpc.js';

it('a NUL character PostgreSQL refuses is the caller’s 400, not a 500', async () => {
  // Loaded lazily: see testing/temp-store.ts on pg under the shared vitest conditions.
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  let refused: unknown;
  try {
    await client.query('SELECT $1::text AS name', ['Ko\u0000vacs']);
  } catch (error) {
    refused = error;
  } finally {
    await client.end();
  }
  expect((refused as { code?: string }).code).toBe('22021');
  const mapped = mapProcedureError(new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: refused }));
  expect(mapped.code).toBe('BAD_REQUEST');
  expect(mapped.message).toBe(
    'text contains a character the database cannot store (a NUL character, \\u0000): remove it',
  );
});
