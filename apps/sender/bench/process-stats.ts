import { readdirSync, readFileSync } from 'node:fs';

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

/** CPU time (user + system) a live process has used so far, in ms; null if unreadable. */
export function cpuTimeMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
    return Math.round((ticks * 1000) / 100); // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/**
 * CPU time used so far by every process of a local service (`redis-server`, or `postgres` with
 * its backends), in ms. Backends that already exited are counted through the parent's
 * children-time fields, so a difference of two readings is the service's CPU in between.
 * Null when /proc cannot be read or no such process runs.
 */
export function serviceCpuTimeMs(command: 'redis-server' | 'postgres'): number | null {
  let total = 0;
  let found = false;
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  for (const pid of entries) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (name !== command) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime, stime, and cutime/cstime (children that exited: PostgreSQL backends).
      total += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
      found = true;
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return found ? Math.round((total * 1000) / 100) : null;
}
