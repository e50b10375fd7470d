#!/usr/bin/env node
// Runs the sender from its TypeScript source (the app is private and not bundled): re-executes Node
// with tsx and the workspace "source" condition, forwarding signals so SIGTERM stays graceful and
// Ctrl-C reaches `listen` (which removes its endpoint before exiting).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const tsx = createRequire(import.meta.url).resolve('tsx');
const child = spawn(
  process.execPath,
  [
    '--conditions=@taskhooks/source',
    '--import',
    tsx,
    join(here, '..', 'src', 'cli', 'main.ts'),
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);
const signals = ['SIGTERM', 'SIGINT'];
const forward = (signal) => child.kill(signal);
for (const signal of signals) process.on(signal, forward);
child.on('exit', (code, signal) => {
  if (!signal) process.exit(code ?? 1);
  // Die of the same signal, as a shell expects (130 for SIGINT): without our handlers in the way.
  for (const name of signals) process.off(name, forward);
  process.kill(process.pid, signal);
});
