import type { Logger } from 'pino';
import type { ApiServices } from '../api/context.js';
import type { SenderConfig } from '../config/env.js';
import type { Store } from '../store/types.js';
import { PortalAccess } from './auth/portal-access.js';
import { derivePortalSigningKey } from './auth/portal-signing-key.js';
import { resolveDocsDir } from './docs-site.js';
import { frameAncestorsFor } from './frame-ancestors.js';
import { createWebSurface, type WebSurface } from './web-surface.js';

export interface PortalLinks {
  access: PortalAccess;
  /** Tells the links where the server listens (called by start()). */
  listening(url: string): void;
}

/** Magic links signed with a key derived from the current encryption key; URLs on the public base. */
export function createPortalLinks(options: {
  config: Pick<SenderConfig, 'TASKHOOKS_PUBLIC_URL'>;
  encryptionKey: Buffer;
  now: () => number;
  store: Pick<Store, 'markPortalLinkUsed' | 'getApiKey'>;
}): PortalLinks {
  let boundUrl: string | null = null;
  const access = new PortalAccess({
    signingKey: derivePortalSigningKey(options.encryptionKey),
    now: options.now,
    baseUrl: () => options.config.TASKHOOKS_PUBLIC_URL ?? boundUrl,
    markLinkUsed: (nonce, expiresAt, now) => options.store.markPortalLinkUsed(nonce, expiresAt, now),
    isIssuerActive: async (keyId) => (await options.store.getApiKey(keyId))?.revokedAt === null,
  });
  return {
    access,
    listening(url) {
      // A wildcard bind address is not somewhere a browser can go; the loopback of the same family is.
      boundUrl = url.replace('//0.0.0.0:', '//127.0.0.1:').replace('//[::]:', '//[::1]:');
    },
  };
}

/** The portal and docs pages of the API server, configured from the environment. */
export function createPortalWebSurface(options: {
  config: Pick<
    SenderConfig,
    'TASKHOOKS_MODE' | 'TASKHOOKS_PORTAL_FRAME_ANCESTORS' | 'TASKHOOKS_DOCS_DIR' | 'TASKHOOKS_PUBLIC_URL'
  >;
  access: PortalAccess;
  services: ApiServices;
  maxBodyBytes: number;
  logger?: Logger;
}): WebSurface {
  const docsDir = resolveDocsDir(options.config.TASKHOOKS_DOCS_DIR);
  options.logger?.debug({ docsDir }, docsDir ? 'serving docs at /docs/' : 'no docs site to serve');
  return createWebSurface({
    docsDir,
    portal: {
      access: options.access,
      services: options.services,
      frameAncestors: frameAncestorsFor(
        options.config.TASKHOOKS_PORTAL_FRAME_ANCESTORS,
        options.config.TASKHOOKS_MODE,
      ),
      maxBodyBytes: options.maxBodyBytes,
      ...(options.config.TASKHOOKS_PUBLIC_URL ? { publicUrl: options.config.TASKHOOKS_PUBLIC_URL } : {}),
      onInternalError: (error, operation) =>
        options.logger?.error(
          { err: error instanceof Error ? `${error.name}: ${error.message}` : String(error), operation },
          'portal call failed',
        ),
    },
  });
}
