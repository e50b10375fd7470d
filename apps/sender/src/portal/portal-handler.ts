import type http from 'node:http';
import { join } from 'node:path';
import type { ApiServices } from '../api/context.js';
import { readJsonBody } from '../rest/read-body.js';
import { type RestError, restError, toRestError } from '../rest/rest-errors.js';
import { sendJson } from '../server/send-json.js';
import { createStaticFiles } from '../server/static-files.js';
import { callPortalOperation } from './api/portal-api.js';
import type { PortalAccess } from './auth/portal-access.js';
import { renderPortalPage } from './pages/portal-page.js';
import { refusedPage } from './pages/refused-page.js';

export interface PortalHandlerOptions {
  access: PortalAccess;
  services: ApiServices;
  /** CSP frame-ancestors sources (see frame-ancestors.ts). */
  frameAncestors: readonly string[];
  maxBodyBytes: number;
  /**
   * TASKHOOKS_PUBLIC_URL: behind a reverse proxy the browser's Origin is the public address while
   * Host may be the upstream one, so portal calls from that origin are this server's too.
   */
  publicUrl?: string;
  onInternalError?: (error: unknown, operation: string) => void;
}

export const PORTAL_PATH = '/portal';

/** On every portal answer: pages, JSON, redirects and refusals alike. */
const PORTAL_RESPONSE_HEADERS = {
  // The magic link is in the URL: never send it on as a Referer.
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
} as const;
const ASSETS = join(import.meta.dirname, 'assets');

/**
 * /portal: the magic-link exchange (/portal/open), the page, its assets and its JSON API
 * (/portal/api/<operation>). The API takes the session as a Bearer token, never a cookie: nothing
 * is sent automatically by the browser, so another site cannot forge a request (CSRF), and it works
 * in a third-party iframe on plain http where SameSite=None cookies (which need Secure) would not.
 */
export function createPortalHandler(options: PortalHandlerOptions) {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
    `frame-ancestors ${options.frameAncestors.join(' ')}`,
  ].join('; ');
  const pageHeaders = {
    'content-security-policy': csp,
    ...PORTAL_RESPONSE_HEADERS,
  };
  const publicOrigin = options.publicUrl === undefined ? undefined : new URL(options.publicUrl).origin;
  const assets = createStaticFiles({
    root: ASSETS,
    mountPath: `${PORTAL_PATH}/assets`,
    headers: { 'content-security-policy': csp, 'referrer-policy': 'no-referrer' },
  });

  const sendPage = (res: http.ServerResponse, status: number, html: string) => {
    res.writeHead(status, {
      ...pageHeaders,
      'content-type': 'text/html; charset=utf-8',
      'content-length': Buffer.byteLength(html),
    });
    res.end(html);
  };

  const openLink = async (url: URL, res: http.ServerResponse) => {
    const token = url.searchParams.get('token');
    if (!token) return sendPage(res, ...refused('missing'));
    const redeemed = await options.access.redeemLink(token);
    if (!redeemed.ok) return sendPage(res, ...refused(redeemed.reason));
    const tenant = await options.services.store.getTenant(redeemed.tenantId);
    if (!tenant) return sendPage(res, ...refused('invalid'));
    sendPage(res, 200, renderPortalPage({ session: redeemed.session, tenantName: tenant.name }));
  };

  const api = async (req: http.IncomingMessage, res: http.ServerResponse, operation: string) => {
    if (req.method !== 'POST') {
      const error = restError(405, 'method_not_allowed', 'portal operations are POST with a JSON body');
      error.headers.allow = 'POST';
      return sendError(res, error);
    }
    if (!sameOrigin(req, publicOrigin)) {
      return sendError(res, restError(403, 'forbidden', 'portal calls must come from the portal page'));
    }
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const session = token
      ? await options.access.checkSession(token)
      : ({ ok: false, reason: 'invalid' } as const);
    if (!session.ok) {
      const code = session.reason === 'expired' ? 'session_expired' : 'unauthorized';
      return sendError(res, restError(401, code, 'the portal session has ended: open the link again'));
    }
    const body = await readJsonBody(req, options.maxBodyBytes);
    if (!body.ok) return sendError(res, body.error);
    try {
      const output = await callPortalOperation(options.services, session.tenantId, operation, body.value);
      sendNoStoreJson(res, 200, output ?? {});
    } catch (error) {
      const mapped = toRestError(error);
      if (mapped.status >= 500) options.onInternalError?.(error, operation);
      sendError(res, mapped);
    }
  };

  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://portal.invalid');
    const path = url.pathname;
    if (path.startsWith(`${PORTAL_PATH}/assets/`)) return assets(req, res, path);
    if (path.startsWith(`${PORTAL_PATH}/api/`))
      return api(req, res, path.slice(`${PORTAL_PATH}/api/`.length));
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...pageHeaders, allow: 'GET, HEAD', 'content-type': 'text/plain' });
      return void res.end('Method not allowed');
    }
    if (path === `${PORTAL_PATH}/open`) {
      // Only a GET spends the link: a HEAD (link checkers, previews) must not use it up.
      if (req.method === 'HEAD') return void res.writeHead(200, pageHeaders).end();
      return openLink(url, res);
    }
    if (path === PORTAL_PATH) {
      res.writeHead(301, { ...pageHeaders, location: `${PORTAL_PATH}/` });
      return void res.end();
    }
    // A reload after the link was exchanged: the page finds its session in sessionStorage.
    if (path === `${PORTAL_PATH}/`) return sendPage(res, 200, renderPortalPage());
    const notFound = '<!doctype html><title>Not found</title><p>Not found</p>';
    sendPage(res, 404, notFound);
  };
}

function refused(reason: Parameters<typeof refusedPage>[0]): [number, string] {
  const page = refusedPage(reason);
  return [page.status, page.html];
}

/**
 * Defence in depth on top of the Bearer session: a browser always sends Origin on a POST from a
 * page, and it must be this server (a sandboxed or foreign page sends `null` or its own origin).
 */
function sameOrigin(req: http.IncomingMessage, publicOrigin: string | undefined): boolean {
  const fetchSite = req.headers['sec-fetch-site'];
  if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true; // not a browser (curl, tests): the Bearer token is the check
  try {
    return new URL(origin).host === req.headers.host || origin === publicOrigin;
  } catch {
    return false;
  }
}

/** Portal answers carry session data: never cached. */
function sendNoStoreJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  sendJson(res, status, body, { ...headers, ...PORTAL_RESPONSE_HEADERS });
}

function sendError(res: http.ServerResponse, error: RestError) {
  sendNoStoreJson(res, error.status, error.body, error.headers);
}
