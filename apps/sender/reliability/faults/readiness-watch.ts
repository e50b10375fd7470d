/** Polls a sender's /readyz and keeps the sequence of distinct answers (200 → 503 → 200 …). */
export interface ReadinessWatch {
  /** Status changes in order, starting with the first answer; 0 = no answer. */
  readonly transitions: { status: number; at: number }[];
  readonly polls: Map<number, number>;
  stop(): Promise<void>;
}

export function watchReadiness(baseUrl: string, intervalMs = 50, maxPolls = 20_000): ReadinessWatch {
  const transitions: { status: number; at: number }[] = [];
  const polls = new Map<number, number>();
  let stopped = false;
  const loop = (async () => {
    for (let i = 0; i < maxPolls && !stopped; i++) {
      let status = 0;
      try {
        const response = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(5000) });
        await response.arrayBuffer();
        status = response.status;
      } catch {
        status = 0;
      }
      polls.set(status, (polls.get(status) ?? 0) + 1);
      if (transitions.at(-1)?.status !== status) transitions.push({ status, at: Date.now() });
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    transitions,
    polls,
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
