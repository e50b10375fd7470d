/**
 * A sleep that `wake()` cuts short. A wake arriving while nobody sleeps is remembered, so a
 * publish that lands during a claim query is not missed until the next poll.
 */
export class WakeableSleep {
  #resolve: (() => void) | null = null;
  #timer: NodeJS.Timeout | null = null;
  #pendingWake = false;

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

  #finish(): void {
    if (this.#timer) clearTimeout(this.#timer);
    const resolve = this.#resolve;
    this.#resolve = null;
    this.#timer = null;
    resolve?.();
  }
}
