/**
 * A sleep that `wake()` cuts short. A wake arriving while nobody sleeps is remembered, so a
 * publish that lands during a claim query is not missed until the next poll.
 */
export class WakeableSleep {
  #resolve: (() => void) | null = null;
  #timer: NodeJS.Timeout | null = null;
  #pendingWake = false;
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
   * Wakes the sleeper in `ms` (wall-clock) unless an earlier alarm is set: a retry due before the
   * next poll is then tried on time (seed 003's 1 s delay arrived up to a poll interval late).
   */
  wakeIn(ms: number): void {
    const delay = Math.max(0, ms);
    const at = Date.now() + delay;
    if (this.#alarm && this.#alarmAt <= at) return;
    this.cancelAlarm();
    this.#alarmAt = at;
    this.#alarm = setTimeout(() => {
      this.#alarm = null;
      this.#alarmAt = Number.POSITIVE_INFINITY;
      this.wake();
    }, delay);
    this.#alarm.unref();
  }

  cancelAlarm(): void {
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
