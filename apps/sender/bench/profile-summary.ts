import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  ms: number;
  share: number;
}

/** Top self-time functions of the main-thread profile in `dir` (the largest .cpuprofile there). */
export function summariseProfiles(
  dir: string,
  top = 15,
): { totalMs: number; idleMs: number; rows: SelfTime[] } {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  const profiles = files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as CpuProfile);
  // tsx's loader thread writes its own (mostly idle) profile; the main thread is the busy one.
  const main = profiles.sort((a, b) => busyUs(b) - busyUs(a))[0];
  if (!main) return { totalMs: 0, idleMs: 0, rows: [] };
  const byId = new Map(main.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<string, number>();
  let total = 0;
  main.samples.forEach((id, i) => {
    const frame = byId.get(id)!.callFrame;
    const where = frame.url ? ` ${shortUrl(frame.url)}:${frame.lineNumber + 1}` : '';
    const name = `${frame.functionName || '(anonymous)'}${where}`;
    const dt = main.timeDeltas[i] ?? 0;
    selfUs.set(name, (selfUs.get(name) ?? 0) + dt);
    total += dt;
  });
  const idle = (selfUs.get('(idle)') ?? 0) + (selfUs.get('(program)') ?? 0);
  const rows = [...selfUs]
    .filter(([name]) => name !== '(idle)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => ({ name, ms: Math.round(us / 1000), share: us / total }));
  return { totalMs: Math.round(total / 1000), idleMs: Math.round(idle / 1000), rows };
}

function shortUrl(url: string): string {
  const path = url.replace(/^file:\/\//, '');
  const nodeModules = path.lastIndexOf('node_modules/');
  if (nodeModules >= 0)
    return path.slice(nodeModules + 'node_modules/'.length).replace(/^\.pnpm\/[^/]+\/node_modules\//, '');
  return path.startsWith('/') ? relative(process.cwd(), path) : path;
}

function busyUs(profile: CpuProfile): number {
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
  return profile.samples.reduce((sum, id, i) => sum + (idle.has(id) ? 0 : (profile.timeDeltas[i] ?? 0)), 0);
}

/**
 * Where the sender's busy time goes, by area of the hot path: each sample goes to the innermost
 * frame that names an area (driver frames count for the store call that made them).
 */
const AREAS: [string, RegExp][] = [
  ['startup (module loading)', /internal\/modules\/|tsx\/dist/],
  ['HTTP ingest: publish fast path + auth', /server\/publish-fast-path|auth\/|security\/api-keys/],
  ['HTTP ingest: tRPC adapter', /@trpc\/server\/dist\/(adapters|resolveResponse|node-http)/],
  ['HTTP server (node:http)', /node:_http_(server|incoming|common|outgoing)/],
  ['validation (contracts) + publisher', /ingest\/publisher|packages\/contracts|zod/],
  ['store: publish', /publishMessages|publishInBulk|publishOneByOne|publishAndLease/],
  ['store: claim', /claimDueDeliveries/],
  ['store: complete (attempt records)', /completeDelivery|flushCompletions|completeOne|completeMany/],
  ['build + sign request', /delivery\/build-request|packages\/signatures|endpoint-secrets|secret-box/],
  ['HTTP delivery (undici + dispatch)', /delivery\/http-dispatch|undici/],
  ['worker bookkeeping', /delivery\//],
  ['garbage collector', /^\(garbage collector\)/],
];

export function summariseAreas(dir: string): {
  busyMs: number;
  rows: { area: string; ms: number; share: number }[];
} {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  const profiles = files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as CpuProfile);
  const main = profiles.sort((a, b) => busyUs(b) - busyUs(a))[0];
  if (!main) return { busyMs: 0, rows: [] };
  const byId = new Map(main.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const node of main.nodes as (ProfileNode & { children?: number[] })[])
    for (const child of node.children ?? []) parentOf.set(child, node.id);
  const areaOf = new Map<number, string>();
  const classify = (id: number): string => {
    const known = areaOf.get(id);
    if (known) return known;
    const frame = byId.get(id)!.callFrame;
    const label = `${frame.url} ${frame.functionName}`.replace(/^ /, '');
    const own = AREAS.find(([, pattern]) => pattern.test(label) || pattern.test(frame.functionName))?.[0];
    const parent = parentOf.get(id);
    const area = own ?? (parent === undefined ? 'other (event loop, streams, timers)' : classify(parent));
    areaOf.set(id, area);
    return area;
  };
  const totals = new Map<string, number>();
  let busy = 0;
  main.samples.forEach((id, i) => {
    if (byId.get(id)!.callFrame.functionName === '(idle)') return;
    const dt = main.timeDeltas[i] ?? 0;
    busy += dt;
    const area = classify(id);
    totals.set(area, (totals.get(area) ?? 0) + dt);
  });
  const rows = [...totals]
    .sort((a, b) => b[1] - a[1])
    .map(([area, us]) => ({ area, ms: Math.round(us / 1000), share: us / busy }));
  return { busyMs: Math.round(busy / 1000), rows };
}
