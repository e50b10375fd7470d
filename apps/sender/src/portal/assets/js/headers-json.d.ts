// Types for the portal's browser module, so its pure logic can be unit-tested from TypeScript.
export function parseHeadersJson(
  text: string,
): { ok: true; headers: Record<string, string> } | { ok: false; message: string };
