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
