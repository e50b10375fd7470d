#!/usr/bin/env node
// Runs the sender from its TypeScript source (the app is private and not bundled): re-executes Node
// with tsx and the workspace "source" condition, forwarding signals so SIGTERM stays graceful.
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
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => (signal ? process.kill(process.pid, signal) : process.exit(code ?? 1)));
