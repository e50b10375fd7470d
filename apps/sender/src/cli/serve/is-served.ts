/** Whether the app serves something at `path` (e.g. the docs at /docs/). */
export async function isServed(apiUrl: string, path: string): Promise<boolean> {
  try {
    const response = await fetch(`${apiUrl}${path}`, { signal: AbortSignal.timeout(2000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}
