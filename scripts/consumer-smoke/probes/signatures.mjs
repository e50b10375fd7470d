// @taskhooks/signatures: sign and verify a Standard Webhook, and check the "#crypto" import map
// picks node:crypto on Node while the "./web" entry (Web Crypto) verifies the same signature.
export const signaturesProbe = {
  runtime: () => `
const { cryptoBackendName, generateSecret, isSignatureError, signStandardWebhook, verifyStandardWebhook } = pkg;
assert.equal(cryptoBackendName, 'node', 'on Node the "#crypto" import should select node:crypto');
const secret = generateSecret('standard-webhooks');
const body = JSON.stringify({ event: 'task.created', smoke: true });
const headers = await signStandardWebhook({
  id: 'msg_smoke_1',
  timestamp: Math.floor(Date.now() / 1000),
  body,
  secrets: [secret],
});
const verified = await verifyStandardWebhook({ headers, body, secrets: [secret] });
assert.equal(verified.id, 'msg_smoke_1');
await assert.rejects(
  verifyStandardWebhook({ headers, body: body + ' ', secrets: [secret] }),
  (error) => isSignatureError(error) && error.code === 'bad_signature',
);
const web = await load('@taskhooks/signatures/web');
assert.equal(web.cryptoBackendName, 'web', 'the ./web entry should use Web Crypto');
const viaWeb = await web.verifyStandardWebhook({ headers, body, secrets: [secret] });
assert.equal(viaWeb.id, 'msg_smoke_1');
const vectors = readJson(resolvePackagePath('@taskhooks/signatures/test-vectors.json'));
assert.equal(typeof vectors, 'object', 'test-vectors.json is not JSON');
`,
  types: () => `
import {
  generateSecret,
  type SignedHeaders,
  signStandardWebhook,
  type VerifiedRequest,
} from '@taskhooks/signatures';
import { verifyStandardWebhook } from '@taskhooks/signatures/web';

const secret: string = generateSecret('standard-webhooks');
const signed: Promise<SignedHeaders> = signStandardWebhook({ id: 'msg_1', timestamp: 1, body: '{}', secrets: [secret] });
const verified: Promise<VerifiedRequest> = verifyStandardWebhook({ headers: {}, body: '{}', secrets: [secret] });
// @ts-expect-error secrets is a list, even for one secret
signStandardWebhook({ id: 'msg_1', timestamp: 1, body: '{}', secrets: secret });

export { signed, verified };
`,
};
