// Records a real `serve` + `listen` + `trigger` session as plain text, the way three terminals would
// show it, plus a receiver built with @taskhooks/receiver-sdk that verifies each delivery with the
// secret `listen` printed. Run from apps/sender:
//   node --conditions=@taskhooks/source --import tsx test/cli/support/record-session.ts
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventMetadata, getEventSchema } from '@taskhooks/contracts';
import { createReceiver } from '@taskhooks/receiver-sdk';
import { createNodeHandler } from '@taskhooks/receiver-sdk/node';
import { unusedPort } from '../../../src/testing/test-receiver.js';
import { type CliResult, runCli, startCli } from './cli-process.js';

const dir = mkdtempSync(join(tmpdir(), 'taskhooks-session-'));
const port = await unusedPort();
const env = { HOME: dir, PORT: String(port), TASKHOOKS_LOG_LEVEL: 'warn' };
const transcript: Record<string, string[]> = { serve: [], listen: [], trigger: [], receiver: [] };
const prompt = (terminal: string, args: string[]) =>
  transcript[terminal]!.push(`$ taskhooks ${args.map((a) => (/[*\s]/.test(a) ? `'${a}'` : a)).join(' ')}`);

prompt('serve', ['serve']);
const serve = startCli(['serve'], env, dir);
await serve.waitForStdout(/Ctrl-C stops/, 'serve to start', 60_000);

const listenArgs = ['listen', '--forward-to', 'http://localhost:3000/hooks', '--events', 'plan.*'];
const secret = (await runCli([...listenArgs, '--print-secret'], env, { cwd: dir })).stdout.trim();
const receiver = createReceiver({ model: 'plan_bound_v2', secret }).onAny((delivery) => {
  transcript.receiver!.push(
    `verified ${delivery.event} webhook-id=${delivery.id} plan=${delivery.payload.plan.id}`,
  );
});
const http = createServer(createNodeHandler(receiver));
await new Promise<void>((resolve) => http.listen(3000, '127.0.0.1', resolve));
transcript.receiver!.push(
  `receiver on :${(http.address() as AddressInfo).port} (receiver-sdk, secret from listen --print-secret)`,
);

prompt('listen', listenArgs);
const listen = startCli(listenArgs, env, dir);
await listen.waitForStdout(/Ctrl-C to stop/, 'listen to be ready');

const badPayload = join(dir, 'plan-failed.json');
// A realistic mistake: the contract's example with a score sent as text and a field it does not have.
const example = eventMetadata(getEventSchema('plan_bound_v2', 'plan.failed')).examples[0] as object;
writeFileSync(badPayload, JSON.stringify({ ...example, score: 'high', reason: 'late' }));
const triggers = [
  ['trigger', 'plan.completed'],
  ['trigger', 'plan.started', '--count', '3'],
  ['trigger', 'plan.failed', '--payload', 'plan-failed.json'],
];
for (const args of triggers) {
  prompt('trigger', args);
  const result: CliResult = await runCli(args, env, { cwd: dir });
  transcript.trigger!.push(...(result.stdout + result.stderr).trimEnd().split('\n'), `(exit ${result.code})`);
}
await new Promise((resolve) => setTimeout(resolve, 1500));
const stopped = await listen.interrupt('SIGINT');
transcript.listen!.push(
  ...(stopped.stdout + stopped.stderr).trimEnd().split('\n'),
  '^C',
  `(exit ${stopped.code})`,
);
const served = await serve.interrupt('SIGINT');
transcript.serve!.push(...served.stdout.trimEnd().split('\n'), '^C');
http.close();
rmSync(dir, { recursive: true, force: true });

for (const [terminal, lines] of Object.entries(transcript)) {
  console.log(`──── terminal: ${terminal} ────`);
  console.log(lines.map((line) => line.replaceAll(dir, '<tmp>')).join('\n'));
  console.log();
}
