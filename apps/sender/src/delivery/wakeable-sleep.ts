/**
 * At most this many future wake-ups are remembered; beyond it the latest are dropped and those
 * retries are found by the next poll instead (at most a poll interval late). Bounds memory when
 * thousands of deliveries fail at once.
 */
const MAX_ALARMS = 4096;

/**
 * Alarms are rounded up to this grain, so a burst of failures whose retries are spread by jitter
 * wakes the worker at most 50 times a second instead of once per retry.
 */
const ALARM_GRAIN_MS = 20;

/**
 * A sleep that `wake()` cuts short. A wake arriving while nobody sleeps is remembered, so a
 * publish that lands during a claim query is not missed until the next poll. Alarms (`wakeIn`)
 * wake it when known retries fall due, so they are tried on time rather than at the next poll.
 */
export class WakeableSleep {
  #resolve: (() => void) | null = null;
  #timer: NodeJS.Timeout | null = null;
  #pendingWake = false;
  /** Wall-clock times to wake at, ascending; one timer is armed for the first. */
  #alarms: number[] = [];
  #alarm: NodeJS.Timeout | null = null;
  #alarmAt = Number.POSITIVE_INFINITY;

  sleep(ms: number): Promise<void> {
    if (this.#pendingWake) {
      this.#pendingWake = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.#resolve = resolve;
      this.#timer = setTimeout(() => this.#finish(), ms);
    });
  }

  wake(): void {
    if (this.#resolve) this.#finish();
    else this.#pendingWake = true;
  }

  /**
   * Wakes the sleeper in `ms` (wall clock). Every alarm is kept, not only the earliest: a retry due
   * in 5 s must not be forgotten because another one was due in 1 s (seed 003 retries after 1 s and
   * 5 s; with the poll as the only fallback they arrived up to a poll interval late).
   */
  wakeIn(ms: number): void {
    const at = Math.ceil((Date.now() + Math.max(0, ms)) / ALARM_GRAIN_MS) * ALARM_GRAIN_MS;
    const alarms = this.#alarms;
    let low = 0;
    let high = alarms.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((alarms[mid] as number) < at) low = mid + 1;
      else high = mid;
    }
    if (alarms[low] === at) return;
    if (low >= MAX_ALARMS) return;
    alarms.splice(low, 0, at);
    if (alarms.length > MAX_ALARMS) alarms.pop();
    this.#arm();
  }

  /** Forgets every alarm (stopping). */
  cancelAlarms(): void {
    this.#alarms = [];
    this.#disarm();
  }

  /** How many future wake-ups are remembered (for tests and diagnostics). */
  get alarmCount(): number {
    return this.#alarms.length;
  }

  #arm(): void {
    const next = this.#alarms[0];
    if (next === undefined) {
      this.#disarm();
      return;
    }
    if (this.#alarm && this.#alarmAt === next) return;
    this.#disarm();
    this.#alarmAt = next;
    this.#alarm = setTimeout(() => this.#ring(), Math.max(0, next - Date.now()));
    this.#alarm.unref();
  }

  #ring(): void {
    this.#alarm = null;
    this.#alarmAt = Number.POSITIVE_INFINITY;
    const now = Date.now();
    let due = 0;
    while (due < this.#alarms.length && (this.#alarms[due] as number) <= now) due++;
    // A timer may fire a millisecond early; waking then would find nothing due and lose the alarm.
    if (due > 0) {
      this.#alarms.splice(0, due);
      this.wake();
    }
    this.#arm();
  }

  #disarm(): void {
    if (this.#alarm) clearTimeout(this.#alarm);
    this.#alarm = null;
    this.#alarmAt = Number.POSITIVE_INFINITY;
  }

  #finish(): void {
    if (this.#timer) clearTimeout(this.#timer);
    const resolve = this.#resolve;
    this.#resolve = null;
    this.#timer = null;
    resolve?.();
  }
}
