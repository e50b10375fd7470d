import type http from 'node:http';
import { createDocsHandler, DOCS_PATH } from './docs-site.js';
import { createPortalHandler, PORTAL_PATH, type PortalHandlerOptions } from './portal-handler.js';

/** The sender's pages for people (portal and docs), mounted into the API server by path prefix. */
export interface WebSurface {
  handles(path: string): boolean;
  handle(req: http.IncomingMessage, res: http.ServerResponse, path: string): Promise<void> | void;
}

const under = (path: string, mount: string) => path === mount || path.startsWith(`${mount}/`);

export function createWebSurface(options: {
  portal: PortalHandlerOptions;
  docsDir: string | null;
}): WebSurface {
  const portal = createPortalHandler(options.portal);
  const docs = createDocsHandler(options.docsDir);
  return {
    handles: (path) => under(path, PORTAL_PATH) || under(path, DOCS_PATH),
    async handle(req, res, path) {
      try {
        if (under(path, PORTAL_PATH)) await portal(req, res);
        else await docs(req, res, path);
      } catch (error) {
        // e.g. the store failing while a link is opened: a plain 500, details only in the log.
        options.portal.onInternalError?.(error, path);
        if (!res.headersSent) {
          res.writeHead(500, {
            'content-type': 'text/plain; charset=utf-8',
            'x-content-type-options': 'nosniff',
          });
        }
        res.end('Something went wrong; please try again.');
      }
    },
  };
}
