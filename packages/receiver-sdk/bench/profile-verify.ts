// Not a test: a tight verify() loop to profile the receive hot path, e.g.
//   node --cpu-prof --conditions=@taskhooks/source --import tsx bench/profile-verify.ts
// then open the .cpuprofile in Chrome DevTools (or sum self time per function).
import { readFileSync } from 'node:fs';
import { generateSecret, signRequest } from '@taskhooks/signatures';
import { verify } from '../src/index.js';

const fixture = new URL(
  '../../contracts/src/models/plan-bound-v2/__fixtures__/seed-000-example.json',
  import.meta.url,
);
const body = JSON.stringify(JSON.parse(readFileSync(fixture, 'utf8')));
const secret = generateSecret();
const headers = await signRequest({
  scheme: { scheme: 'standard-webhooks' },
  id: 'msg_profile',
  timestamp: Math.floor(Date.now() / 1000),
  event: 'plan.failed',
  body,
  secrets: [secret],
});

const iterations = Number(process.env.ITERATIONS ?? 200_000);
const started = performance.now();
for (let index = 0; index < iterations; index++) {
  await verify({ model: 'plan_bound_v2', secret, body, headers });
}
const elapsedMs = performance.now() - started;
console.log(
  `${iterations} verify() calls in ${elapsedMs.toFixed(0)} ms: ${((elapsedMs / iterations) * 1000).toFixed(1)} µs each`,
);
