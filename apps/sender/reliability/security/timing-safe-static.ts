import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { SENDER_ROOT } from '../../src/testing/sender-process.js';

const REPO_ROOT = join(SENDER_ROOT, '..', '..');
/** Where secrets are compared: the sender, the signature schemes, the receiver SDK. */
const SOURCE_ROOTS = ['apps/sender/src', 'packages/signatures/src', 'packages/receiver-sdk/src'];
/** Names that hold (or are derived from) secrets: comparing two of these with === leaks timing. */
const SECRET_NAME =
  /secret|token|signature|digest|hash|api_?key|admin_?key|password|authorization|credential/i;
/** Files that verify a secret and must do it with a constant-time compare. */
export const VERIFYING_FILES = [
  'apps/sender/src/auth/admin-key.ts',
  'apps/sender/src/security/api-keys.ts',
  'apps/sender/src/server/probe-routes.ts', // the metrics token
  'packages/signatures/src/schemes/hmac-hex.ts',
  'packages/signatures/src/schemes/standard-webhooks.ts',
  'packages/signatures/src/schemes/token-hash.ts',
  'packages/signatures/src/schemes/header-auth.ts',
];
// adminKeyAuthenticator and verifyApiKey are the sender's constant-time checks (the runtime probe proves they are).
const CONSTANT_TIME =
  /\btimingSafeEqual\b|\bconstantTimeEqual(Bytes|Strings|Ascii)\b|\badminKeyAuthenticator\b|\bverifyApiKey\b/;

export interface TimingFinding {
  file: string;
  line: number;
  code: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'testing' ? [] : sourceFiles(path);
    return /\.ts$/.test(name) && !/\.test(-d)?\.ts$|\.bench\.ts$/.test(name) ? [path] : [];
  });
}

const isLiteral = (node: ts.Expression): boolean =>
  ts.isLiteralExpression(node) ||
  ts.isNoSubstitutionTemplateLiteral(node) ||
  node.kind === ts.SyntaxKind.NullKeyword ||
  node.kind === ts.SyntaxKind.TrueKeyword ||
  node.kind === ts.SyntaxKind.FalseKeyword ||
  (ts.isIdentifier(node) && node.text === 'undefined') ||
  ts.isTypeOfExpression(node) ||
  (ts.isPrefixUnaryExpression(node) && isLiteral(node.operand));

/** The name an expression ends in: `a.b.secret` → secret, `headers['x-signature']` → x-signature. */
function lastName(node: ts.Expression): string {
  if (ts.isIdentifier(node)) return node.text;
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  if (ts.isElementAccessExpression(node)) {
    return ts.isStringLiteral(node.argumentExpression)
      ? node.argumentExpression.text
      : lastName(node.expression);
  }
  if (ts.isCallExpression(node)) return lastName(node.expression);
  if (ts.isTemplateExpression(node))
    return node.templateSpans.map((span) => lastName(span.expression)).join(' ');
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node)) {
    return lastName(node.expression);
  }
  return '';
}

/** `===`/`!==` (and `==`, `!=`, `Buffer.compare`, `.equals`) between two non-literal values, one named like a secret. */
export function findNonConstantTimeCompares(fileName: string, text: string): TimingFinding[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true);
  const findings: TimingFinding[] = [];
  const report = (node: ts.Node) =>
    findings.push({
      file: fileName,
      line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
      code: node.getText().slice(0, 120),
    });
  const visit = (node: ts.Node) => {
    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      const equality = [
        ts.SyntaxKind.EqualsEqualsEqualsToken,
        ts.SyntaxKind.ExclamationEqualsEqualsToken,
        ts.SyntaxKind.EqualsEqualsToken,
        ts.SyntaxKind.ExclamationEqualsToken,
      ].includes(op);
      if (equality && !isLiteral(node.left) && !isLiteral(node.right)) {
        const names = [lastName(node.left), lastName(node.right)];
        const lengthOnly = names.some((name) =>
          /^(length|size|byteLength|kind|code|scheme|name|id)$/.test(name),
        );
        if (!lengthOnly && names.some((name) => SECRET_NAME.test(name))) report(node);
      }
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression.getText();
      const secretArgs = node.arguments.some((arg) => SECRET_NAME.test(lastName(arg)));
      if (
        (callee === 'Buffer.compare' || /\.equals$/.test(callee)) &&
        (secretArgs || SECRET_NAME.test(callee))
      )
        report(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}

export interface StaticTimingReport {
  filesScanned: number;
  findings: TimingFinding[];
  /** Verifying files that never call a constant-time compare. */
  missingConstantTime: string[];
}

export function scanRepositoryForTimingLeaks(): StaticTimingReport {
  const files = SOURCE_ROOTS.flatMap((root) => sourceFiles(join(REPO_ROOT, root)));
  const findings = files.flatMap((file) =>
    findNonConstantTimeCompares(relative(REPO_ROOT, file), readFileSync(file, 'utf8')),
  );
  const missingConstantTime = VERIFYING_FILES.filter(
    (file) => !CONSTANT_TIME.test(readFileSync(join(REPO_ROOT, file), 'utf8')),
  );
  return { filesScanned: files.length, findings, missingConstantTime };
}
