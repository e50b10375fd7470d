// CPU clocks for per-event costs. Other processes are read from /proc (10 ms ticks, so a run needs
// thousands of events to resolve a few µs); this process has a µs clock of its own.

/** CPU time (user + system) this process has used so far, in µs. */
export function selfCpuUs(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

/** µs of CPU per event from a difference of two ms readings (null when /proc could not be read). */
export function msToUsPerEvent(before: number | null, after: number | null, events: number): number {
  if (before === null || after === null) return Number.NaN;
  return ((after - before) * 1000) / events;
}
