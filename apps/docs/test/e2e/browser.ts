import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  /** Requests the pages tried to send anywhere but the local docs server (all aborted). */
  blockedRequests: string[];
  close(): Promise<void>;
}

/**
 * Debian's chromium with a fresh profile; never a downloaded browser. Every request that is not
 * for 127.0.0.1 is aborted and recorded, so the test proves the site works offline.
 */
export async function launchBrowser(options: { javaScriptEnabled?: boolean } = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Run apps/docs/scripts/ensure-chromium.sh (apt-get install chromium).`,
    );
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'taskhooks-docs-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    timeout: 30_000,
  });
  const blockedRequests: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') return route.continue();
    blockedRequests.push(url.href);
    return route.abort();
  });
  return {
    context,
    blockedRequests,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
