import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from './router.js';
import { ADMIN_KEY, type ApiHarness, type Backend, startApiHarness } from './testing/api-harness.js';
import {
  buildTenancyWorld,
  snapshotTenant,
  type TenancyWorld,
  worldReceiver,
} from './testing/tenancy-world.js';

const SEED_PAYLOAD_EVENT = 'plan.failed';

interface MatrixRow {
  procedure: string;
  /** What the attack tries: tenant A's key on tenant B's things (or on an admin-only procedure). */
  attack: string;
  input: (w: TenancyWorld) => unknown;
  expected: 403 | 404;
  /** The same input from the rightful caller succeeds: the refusal is about tenancy, not bad input. */
  control: 'owner' | 'admin';
}

const plan = { model: 'plan_bound_v2', event: SEED_PAYLOAD_EVENT, payload: {} };

/** Every procedure, at least once; destructive controls (delete, revoke) run last. */
const MATRIX: MatrixRow[] = [
  {
    procedure: 'events.publish',
    attack: 'publish as B',
    input: (w) => ({ tenantId: w.tenantB, ...plan }),
    expected: 403,
    control: 'owner',
  },
  {
    procedure: 'events.publishBatch',
    attack: 'batch as B',
    input: (w) => ({ tenantId: w.tenantB, events: [plan] }),
    expected: 403,
    control: 'owner',
  },
  {
    procedure: 'tenants.create',
    attack: 'admin-only',
    input: () => ({ id: 'family-c', name: 'C' }),
    expected: 403,
    control: 'admin',
  },
  {
    procedure: 'tenants.get',
    attack: 'read B',
    input: (w) => ({ tenantId: w.tenantB }),
    expected: 403,
    control: 'owner',
  },
  { procedure: 'tenants.list', attack: 'admin-only', input: () => ({}), expected: 403, control: 'admin' },
  {
    procedure: 'tenants.setEntitlement',
    attack: 'admin-only (on B)',
    input: (w) => ({ tenantId: w.tenantB, entitlement: 'active' }),
    expected: 403,
    control: 'admin',
  },
  {
    procedure: 'endpoints.create',
    attack: 'create in B',
    input: (w) => ({ tenantId: w.tenantB, url: 'http://127.0.0.1:8/x', model: 'plan_bound_v2' }),
    expected: 403,
    control: 'owner',
  },
  {
    procedure: 'endpoints.list',
    attack: 'list B',
    input: (w) => ({ tenantId: w.tenantB }),
    expected: 403,
    control: 'owner',
  },
  {
    procedure: 'endpoints.get',
    attack: 'B endpoint',
    input: (w) => ({ endpointId: w.endpointOkB }),
    expected: 404,
    control: 'owner',
  },
  {
    procedure: 'endpoints.update',
    attack: 'B endpoint',
    input: (w) => ({ endpointId: w.endpointOkB, description: 'pwned' }),
    expected: 404,
    control: 'owner',
  },
  {
    procedure: 'endpoints.rotateSecret',
    attack: 'B endpoint',
    input: (w) => ({ endpointId: w.endpointOkB }),
    expected: 404,
    control: 'owner',
  },
  {
    procedure: 'endpoints.sendTest',
    attack: 'B endpoint',
    input: (w) => ({ endpointId: w.endpointOkB }),
    expected: 404,
    control: 'owner',
  },
  {
    procedure: 'messages.list',
    attack: 'list B',
    input: (w) => ({ tenantId: w.tenantB }),
    expected: 403,
    control: 'owner',
  },
  {
    procedure: 'messages.get',
    attack: 'B message',
    input: (w) => ({ messageId: w.messageB }),
    expected: 404,
    control: 'owner',
  },
  {
    procedure: 'deliveries.list',
    attack: 'B endpoint',
    input: (w) => ({ endpointId: w.endpointOkB }),
    expected: 404,
    control: 'owner',
  },
  {
    procedure: 'deliveries.get',
    attack: 'B delivery',
    input: (w) => ({ deliveryId: w.deliveryOkB }),
    expected: 404,
    control: 'owner',
  },
  {
    procedure: 'deliveries.redeliver',
    attack: 'B failed delivery',
    input: (w) => ({ deliveryId: w.deliveryFailedB }),
    expected: 404,
    control: 'owner',
  },
  {
    procedure: 'deliveries.recover',
    attack: 'B endpoint',
    input: (w) => ({ endpointId: w.endpointFailB, since: 0 }),
    expected: 404,
    control: 'owner',
  },
  {
    procedure: 'apiKeys.create',
    attack: 'key for B',
    input: (w) => ({ tenantId: w.tenantB, name: 'x' }),
    expected: 403,
    control: 'owner',
  },
  {
    procedure: 'apiKeys.create',
    attack: 'admin key (admin-only)',
    input: () => ({ kind: 'admin', name: 'x' }),
    expected: 403,
    control: 'admin',
  },
  {
    procedure: 'apiKeys.list',
    attack: 'list B',
    input: (w) => ({ tenantId: w.tenantB }),
    expected: 403,
    control: 'owner',
  },
  {
    procedure: 'portal.createLink',
    attack: 'portal link for B',
    input: (w) => ({ tenantId: w.tenantB }),
    expected: 403,
    control: 'owner',
  },
  {
    procedure: 'endpoints.delete',
    attack: 'B endpoint',
    input: (w) => ({ endpointId: w.endpointOkB }),
    expected: 404,
    control: 'owner',
  },
  {
    procedure: 'apiKeys.revoke',
    attack: 'B key',
    input: (w) => ({ keyId: w.keyBId }),
    expected: 404,
    control: 'owner',
  },
];

describe.each<Backend>(['sqlite', 'postgres'])('tenancy matrix on %s', (backend) => {
  let h: ApiHarness;
  let world: TenancyWorld;
  const report: string[] = [];

  beforeAll(async () => {
    h = await startApiHarness(backend, { receiver: worldReceiver });
    world = await buildTenancyWorld(h);
  }, 60_000);
  afterAll(async () => {
    console.log(`\nTENANCY MATRIX (${backend}): tenant A's key against tenant B\n${report.join('\n')}`);
    await h?.close();
  });

  it('covers every procedure of the router', () => {
    const covered = new Set(MATRIX.map((row) => row.procedure));
    expect(Object.keys(appRouter._def.procedures).filter((p) => !covered.has(p))).toEqual([]);
  });

  it.each(MATRIX.map((row) => [`${row.procedure} (${row.attack})`, row] as const))(
    'refuses %s and changes nothing',
    async (_name, row) => {
      const before = await snapshotTenant(h.store, world.tenantB);
      const tenantsBefore = (await h.store.listTenants()).map((t) => t.id);
      const result = await h.call(row.procedure, row.input(world), world.keyA);
      expect(result.status, JSON.stringify(result.error)).toBe(row.expected);
      expect(result.data).toBeUndefined();
      expect(result.error?.data.reason).toBe(row.expected === 403 ? 'forbidden' : 'not_found');
      // Let anything the call might have queued reach the worker before comparing.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await snapshotTenant(h.store, world.tenantB)).toEqual(before);
      expect((await h.store.listTenants()).map((t) => t.id)).toEqual(tenantsBefore);
      report.push(
        `  ${row.procedure.padEnd(24)} ${row.attack.padEnd(24)} → ${result.status} (${result.error?.data.reason})`,
      );
    },
  );

  it('lets the rightful caller make every one of those calls (the inputs were valid)', async () => {
    for (const row of MATRIX) {
      const key = row.control === 'admin' ? ADMIN_KEY : world.keyB;
      const result = await h.call(row.procedure, row.input(world), key);
      const ok = row.procedure.startsWith('events.')
        ? // The empty payload is refused by the contract (400), which proves authorization passed.
          result.status === 400 && result.error?.data.reason === 'invalid_payload'
        : result.status === 200;
      expect(ok, `${row.procedure} as ${row.control}: ${result.status} ${JSON.stringify(result.error)}`).toBe(
        true,
      );
      report.push(`  control ${row.procedure.padEnd(24)} as ${row.control.padEnd(5)} → ${result.status}`);
    }
  });

  it('does not show tenant A any of B’s rows in its own lists', async () => {
    for (const procedure of ['endpoints.list', 'messages.list', 'apiKeys.list']) {
      const result = await h.call<{ items: { tenantId?: string | null }[] }>(procedure, {}, world.keyA);
      expect(result.status).toBe(200);
      expect(result.data.items.every((item) => item.tenantId === world.tenantA)).toBe(true);
    }
  });
});
