import { readFileSync } from 'node:fs';

/** Current resident set size (VmRSS) of a live process in MiB; null once it is gone (or off Linux). */
export function rssMiB(pid: number): number | null {
  try {
    const kib = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib ? Math.round(Number(kib) / 1024) : null;
  } catch {
    return null;
  }
}

/** Samples a process's RSS every `intervalMs` until stopped. */
export function sampleRss(pid: number, intervalMs: number): { samples: number[]; stop(): number[] } {
  const samples: number[] = [];
  const take = () => {
    const value = rssMiB(pid);
    if (value !== null) samples.push(value);
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    samples,
    stop() {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}
