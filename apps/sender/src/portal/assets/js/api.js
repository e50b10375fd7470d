// The portal's calls: POST /portal/api/<operation> with the session as a Bearer token (never a
// cookie, so no other site can make the browser send it: no CSRF, and it works in any iframe).

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message ?? `request failed (${status})`);
    this.status = status;
    this.code = body?.error?.code ?? 'error';
    this.issues = body?.error?.issues ?? [];
  }
}

/** Fired on window when the session is over (expired or refused): the page shows how to reopen. */
export const SESSION_ENDED = 'portal:session-ended';

export function createApi(session) {
  return async function call(operation, input = {}) {
    let response;
    try {
      response = await fetch(`/portal/api/${operation}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(input),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch {
      throw new ApiError(0, {
        error: {
          code: 'network',
          message: 'Could not reach the server. Check your connection and try again.',
        },
      });
    }
    const body = await response.json().catch(() => ({}));
    if (response.status === 401) window.dispatchEvent(new CustomEvent(SESSION_ENDED, { detail: body }));
    if (!response.ok) throw new ApiError(response.status, body);
    return body;
  };
}
