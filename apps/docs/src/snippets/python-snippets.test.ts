import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { snippetsDir } from '../guides/snippets.js';
import { loadVectors, vectorsPath } from './vectors.js';

const python = ['python3', 'python'].find((bin) => spawnSync(bin, ['--version']).status === 0);

// Loads the four snippet modules from their files and runs every vector through them, printing
// one JSON result per vector; the assertions stay in TypeScript.
const harness = `
import importlib.util, json, sys
def load(name):
    spec = importlib.util.spec_from_file_location(name, sys.argv[1] + "python/" + name + ".py")
    module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module); return module
sw, hx, th, ha = load("standard_webhooks"), load("hmac_sha256_hex"), load("token_hash"), load("header_auth")
def verify(scheme, body, headers, secrets, now, tolerance):
    kind = scheme["scheme"]
    if kind == "standard-webhooks":
        return sw.verify_standard_webhook(body, headers, secrets, now=now, **({"tolerance_seconds": tolerance} if tolerance else {}))
    if kind == "hmac-sha256-hex":
        return any(hx.verify_hmac_sha256_hex(body, headers, s, scheme.get("signatureHeader", "x-taskhooks-signature")) for s in secrets)
    if kind == "token-hash":
        return any(th.verify_token_hash(headers, s, scheme.get("tokenHashHeader", "x-webhook-token-hash")) for s in secrets)
    return ha.verify_header_auth(headers, scheme["headers"])
vectors = json.load(open(sys.argv[2], encoding="utf-8"))
out = {"sign": [], "failures": []}
for c in vectors["sign"]:
    i = c["input"]
    out["sign"].append(verify(c["scheme"], i["body"].encode(), c["expectedHeaders"], i["secrets"], i["timestamp"], None))
for c in vectors["verifyFailures"]:
    try:
        ok = verify(c["scheme"], c["body"].encode(), c["headers"], c["secrets"], c["nowSeconds"], c.get("toleranceSeconds"))
    except Exception as error:
        ok = "raised " + type(error).__name__
    out["failures"].append(ok)
print(json.dumps(out))
`;

describe.skipIf(!python)('Python snippets against the signature test vectors', () => {
  const vectors = loadVectors();
  const result = python
    ? (JSON.parse(
        execFileSync(python, ['-c', harness, snippetsDir, vectorsPath], {
          encoding: 'utf8',
          timeout: 30_000,
        }),
      ) as { sign: boolean[]; failures: (boolean | string)[] })
    : { sign: [], failures: [] };

  it.each(vectors.sign.map((v, i) => [`${v.scheme.scheme}: ${v.name}`, i] as const))(
    'accepts %s',
    (_name, index) => {
      expect(result.sign[index]).toBe(true);
    },
  );

  it.each(vectors.verifyFailures.map((v, i) => [v.name, i] as const))(
    'rejects %s (returns False)',
    (_name, index) => {
      expect(result.failures[index]).toBe(false);
    },
  );
});
