import { readFileSync } from 'node:fs';

/** Peak resident set size (VmHWM) of a live process, in MiB; null if it cannot be read (non-Linux). */
export function peakRssMiB(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = /VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1];
    return kib ? Math.round(Number(kib) / 1024) : null;
  } catch {
    return null;
  }
}
