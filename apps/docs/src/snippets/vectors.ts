import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { SchemeConfig } from '@taskhooks/signatures';

export interface SignVector {
  name: string;
  scheme: SchemeConfig;
  input: { id: string; timestamp: number; event: string; body: string; secrets: string[] };
  expectedHeaders: Record<string, string>;
}

export interface FailureVector {
  name: string;
  scheme: SchemeConfig;
  headers: Record<string, string>;
  body: string;
  secrets: string[];
  nowSeconds: number;
  toleranceSeconds?: number;
  expectedError: string;
}

export interface SignatureVectors {
  sign: SignVector[];
  verifyFailures: FailureVector[];
}

/** The published vectors of @taskhooks/signatures (generated with reference libraries, not our code). */
export const vectorsPath = createRequire(import.meta.url).resolve('@taskhooks/signatures/test-vectors.json');

export function loadVectors(): SignatureVectors {
  return JSON.parse(readFileSync(vectorsPath, 'utf8')) as SignatureVectors;
}
