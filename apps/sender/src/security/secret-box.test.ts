import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyIdOf, parseEncryptionKey } from './encryption-key.js';
import { SecretBox, SecretBoxError } from './secret-box.js';

const newKey = () => {
  const key = randomBytes(32);
  return { id: keyIdOf(key), key };
};
const PLAINTEXT =
  '{"secrets":["whsec_c2VjcmV0LXRoYXQtbXVzdC1ub3QtbGVhaw"],"headers":{"Authorization":"Bearer tok_9f8e"}}';

function openError(box: SecretBox, sealed: string, context: string): SecretBoxError {
  try {
    box.open(sealed, context);
  } catch (error) {
    expect(error).toBeInstanceOf(SecretBoxError);
    return error as SecretBoxError;
  }
  throw new Error('expected open() to fail');
}

describe('SecretBox', () => {
  const key = newKey();
  const box = new SecretBox({ current: key });

  it('round-trips and produces v1.<keyId>.<iv>.<ciphertext+tag> with a fresh IV each time', () => {
    const a = box.seal(PLAINTEXT, 'endpoint:ep_1');
    const b = box.seal(PLAINTEXT, 'endpoint:ep_1');
    expect(box.open(a, 'endpoint:ep_1')).toBe(PLAINTEXT);
    const [version, keyId, iv, body] = a.split('.');
    expect([version, keyId]).toEqual(['v1', key.id]);
    expect(Buffer.from(iv ?? '', 'base64url')).toHaveLength(12);
    expect(Buffer.from(body ?? '', 'base64url')).toHaveLength(Buffer.byteLength(PLAINTEXT) + 16);
    expect(a).not.toBe(b);
    expect(a).not.toContain('whsec');
  });

  it('detects a flipped bit anywhere in IV or ciphertext', () => {
    const sealed = box.seal(PLAINTEXT, 'endpoint:ep_1');
    const [v, id, iv = '', body = ''] = sealed.split('.');
    const flip = (text: string, at: number) => {
      const bytes = Buffer.from(text, 'base64url');
      bytes[at] = (bytes[at] ?? 0) ^ 0x01;
      return bytes.toString('base64url');
    };
    for (const tampered of [
      [v, id, flip(iv, 0), body].join('.'),
      [v, id, iv, flip(body, 0)].join('.'),
      [v, id, iv, flip(body, Buffer.from(body, 'base64url').length - 1)].join('.'),
    ]) {
      expect(openError(box, tampered, 'endpoint:ep_1').reason).toBe('authentication_failed');
    }
  });

  it('refuses a value swapped onto another endpoint (AAD binds the record)', () => {
    const sealed = box.seal(PLAINTEXT, 'endpoint:ep_1');
    const error = openError(box, sealed, 'endpoint:ep_2');
    expect(error.reason).toBe('authentication_failed');
    expect(error.message).toMatch(/altered or belongs to another record/);
  });

  it('fails with the wrong key without revealing plaintext or key', () => {
    const sealed = box.seal(PLAINTEXT, 'ctx');
    const other = newKey();
    // Same key id, different key: the id lookup succeeds and GCM must reject it.
    const impostor = new SecretBox({ current: { id: key.id, key: other.key } });
    const error = openError(impostor, sealed, 'ctx');
    expect(error.reason).toBe('authentication_failed');
    const unknown = openError(new SecretBox({ current: other }), sealed, 'ctx');
    expect(unknown.reason).toBe('unknown_key');
    expect(unknown.message).toContain(key.id);
    for (const message of [error.message, unknown.message]) {
      expect(message).not.toContain('whsec');
      expect(message).not.toContain(key.key.toString('base64'));
      expect(message).not.toContain(sealed.split('.')[3]);
    }
  });

  it('refuses a header edited to another configured key id', () => {
    const older = newKey();
    const rotated = new SecretBox({ current: key, previous: [older] });
    const [v, , iv, body] = rotated.seal(PLAINTEXT, 'ctx').split('.');
    expect(openError(rotated, [v, older.id, iv, body].join('.'), 'ctx').reason).toBe('authentication_failed');
  });

  it.each([
    ['not sealed at all'],
    ['v2.abc.def.ghi'],
    ['v1.id.bad!iv.body'],
    ['v1.id.AAAA.AAAA'],
    ['{"secrets":[]}'],
  ])('reports %s as malformed', (sealed) => {
    expect(openError(box, sealed, 'ctx').reason).toBe('malformed');
  });

  it('rotates: old key still opens, new seals use the new key, needsReseal tells them apart', () => {
    const oldKey = newKey();
    const before = new SecretBox({ current: oldKey }).seal(PLAINTEXT, 'ctx');
    const newKeyEntry = newKey();
    const after = new SecretBox({ current: newKeyEntry, previous: [oldKey] });
    expect(after.open(before, 'ctx')).toBe(PLAINTEXT);
    const resealed = after.seal(after.open(before, 'ctx'), 'ctx');
    expect(resealed.split('.')[1]).toBe(newKeyEntry.id);
    expect(after.currentKeyId).toBe(newKeyEntry.id);
    expect(after.needsReseal(before)).toBe(true);
    expect(after.needsReseal(resealed)).toBe(false);
    // Once the old key is dropped from the config, the old value no longer opens.
    expect(openError(new SecretBox({ current: newKeyEntry }), before, 'ctx').reason).toBe('unknown_key');
  });
});

describe('parseEncryptionKey', () => {
  const raw = randomBytes(32);

  it('accepts hex, base64 and base64url encodings of the same 32 bytes with the same id', () => {
    const ids = [raw.toString('hex'), raw.toString('base64'), raw.toString('base64url')].map(
      (text) => parseEncryptionKey(text, 'X').id,
    );
    expect(new Set(ids).size).toBe(1);
    expect(parseEncryptionKey(raw.toString('base64'), 'X').key.equals(raw)).toBe(true);
  });

  it.each([
    ['too short', randomBytes(16).toString('base64')],
    ['too long', randomBytes(48).toString('base64')],
    ['a passphrase', 'correct horse battery staple correct horse battery'],
    ['63 hex chars', raw.toString('hex').slice(1)],
  ])('rejects %s naming the variable but not the value', (_label, value) => {
    expect(() => parseEncryptionKey(value, 'TASKHOOKS_ENCRYPTION_KEY')).toThrow(
      /^TASKHOOKS_ENCRYPTION_KEY must be 32 random bytes encoded as base64 \(44 characters\) or hex/,
    );
    try {
      parseEncryptionKey(value, 'TASKHOOKS_ENCRYPTION_KEY');
    } catch (error) {
      expect((error as Error).message).not.toContain(value);
    }
  });
});
