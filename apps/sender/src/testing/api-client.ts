/** A minimal tRPC-over-HTTP caller (what any client without the tRPC runtime would send). */
export interface ApiResponse<T> {
  status: number;
  data: T | undefined;
  error: { message: string; data?: { httpStatus: number; reason?: string } } | undefined;
}

export async function callApi<T = Record<string, unknown>>(
  baseUrl: string,
  adminKey: string,
  procedure: string,
  input: unknown,
): Promise<ApiResponse<T>> {
  const response = await fetch(`${baseUrl}/trpc/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { result?: { data: T }; error?: ApiResponse<T>['error'] };
  return { status: response.status, data: body.result?.data, error: body.error };
}

interface PublishBatchResult {
  results: { messageId: string; duplicate: boolean; deliveriesCreated: number }[];
}

/** Publishes `count` copies of `payload` through events.publishBatch, `perCall` at a time; returns the message ids. */
export async function publishMany(
  baseUrl: string,
  adminKey: string,
  tenantId: string,
  payload: Record<string, unknown>,
  count: number,
  perCall = 100,
): Promise<string[]> {
  const ids: string[] = [];
  for (let sent = 0; sent < count; sent += perCall) {
    const size = Math.min(perCall, count - sent);
    const events = Array.from({ length: size }, () => ({
      model: String(payload.model),
      event: String(payload.event),
      payload,
    }));
    const response = await callApi<PublishBatchResult>(baseUrl, adminKey, 'events.publishBatch', {
      tenantId,
      events,
    });
    if (response.status !== 200 || !response.data) {
      throw new Error(`publishBatch answered ${response.status}: ${response.error?.message ?? 'no body'}`);
    }
    ids.push(...response.data.results.map((r) => r.messageId));
  }
  return ids;
}

/** Polls `check` until it returns something other than undefined/false. */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  what: string,
  timeoutMs = 30_000,
  intervalMs = 25,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
