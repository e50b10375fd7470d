/**
 * Serves the built site (apps/docs/dist) on 127.0.0.1.
 *   pnpm --filter @taskhooks/docs serve        # http://127.0.0.1:4321/
 *   PORT=8080 pnpm --filter @taskhooks/docs serve
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from '../src/server/static-server.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const port = Number(process.env.PORT ?? 4321);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be an integer between 0 and 65535, got ${JSON.stringify(process.env.PORT)}`);
  process.exit(1);
}

try {
  const running = await startStaticServer({ root, port, host: process.env.HOST ?? '127.0.0.1' });
  console.log(`Serving ${root} at ${running.url} (Ctrl+C to stop)`);
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT')
    console.error(`No site in ${root}: run \`pnpm --filter @taskhooks/docs build\` first.`);
  else if (code === 'EADDRINUSE') console.error(`Port ${port} is in use; set PORT to another one.`);
  else console.error(error);
  process.exit(1);
}
