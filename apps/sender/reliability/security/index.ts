import type { ReliabilityScale, SecurityCheckResult } from '../result-types.js';
import { startSenderUnderTest } from '../support/sender-under-test.js';
import { rerunMatrices } from './matrices.js';
import { checkRevokedKeys } from './revoked-keys.js';
import { checkTimingSafeComparisons } from './timing-safe.js';

export { runSecretScans } from './secret-scan.js';

/**
 * The security checks that run while the suite runs (the secret scans run last, over everything
 * the whole suite produced): the SSRF and tenant-isolation matrices, key revocation, timing.
 */
export async function runSecurityChecks(scale: ReliabilityScale): Promise<SecurityCheckResult[]> {
  // At CI scale the matrices are not rerun: CI's `pnpm test` step has just run those same files.
  const results = scale === 'full' ? await rerunMatrices() : [];
  const sender = await startSenderUnderTest('security');
  try {
    results.push(await checkRevokedKeys(sender));
  } finally {
    await sender.stop();
  }
  results.push(...(await checkTimingSafeComparisons()));
  return results;
}
