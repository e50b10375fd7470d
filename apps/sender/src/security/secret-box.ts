import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ENCRYPTION_KEY_BYTES, type EncryptionKey } from './encryption-key.js';

const VERSION = 'v1';
const IV_BYTES = 12; // 96-bit IV: the size GCM is specified for; random per seal
const TAG_BYTES = 16;

export type SecretBoxErrorReason = 'malformed' | 'unknown_key' | 'authentication_failed';

/** Opening failed. The message names the reason and key id, never the plaintext, key or ciphertext. */
export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
  constructor(
    readonly reason: SecretBoxErrorReason,
    message: string,
  ) {
    super(message);
  }
}

export interface SecretBoxKeys {
  /** Seals everything new. */
  current: EncryptionKey;
  /** Still open values sealed before a rotation. */
  previous?: readonly EncryptionKey[];
}

/**
 * AES-256-GCM for endpoint secrets, auth headers and tokens at rest. Output:
 * `v1.<keyId>.<iv b64url>.<ciphertext+tag b64url>`. The caller's context (e.g. the endpoint id) is
 * bound as additional authenticated data, so a sealed value copied onto another record fails to
 * open instead of leaking that record's secrets to the wrong receiver.
 */
export class SecretBox {
  readonly #current: EncryptionKey;
  readonly #byId = new Map<string, EncryptionKey>();

  constructor(keys: SecretBoxKeys) {
    for (const key of [keys.current, ...(keys.previous ?? [])]) {
      if (key.key.length !== ENCRYPTION_KEY_BYTES) {
        throw new TypeError(`encryption key ${key.id} must be ${ENCRYPTION_KEY_BYTES} bytes`);
      }
      if (!this.#byId.has(key.id)) this.#byId.set(key.id, key);
    }
    this.#current = keys.current;
  }

  get currentKeyId(): string {
    return this.#current.id;
  }

  seal(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#current.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad(this.#current.id, context));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return [VERSION, this.#current.id, iv.toString('base64url'), body.toString('base64url')].join('.');
  }

  open(sealed: string, context: string): string {
    const { keyId, iv, body } = parse(sealed);
    const entry = this.#byId.get(keyId);
    if (!entry) {
      throw new SecretBoxError(
        'unknown_key',
        `sealed with key ${keyId}, which is not configured (add it to TASKHOOKS_ENCRYPTION_KEYS_OLD)`,
      );
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', entry.key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(aad(keyId, context));
      decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
      const plain = Buffer.concat([
        decipher.update(body.subarray(0, body.length - TAG_BYTES)),
        decipher.final(),
      ]);
      return plain.toString('utf8');
    } catch {
      throw new SecretBoxError(
        'authentication_failed',
        `sealed value does not authenticate with key ${keyId}: it was altered or belongs to another record`,
      );
    }
  }

  /** True when the value was sealed with an older key (a re-seal job can migrate it). */
  needsReseal(sealed: string): boolean {
    return parse(sealed).keyId !== this.#current.id;
  }
}

/** Version and key id are authenticated too, so the header cannot be edited either. */
function aad(keyId: string, context: string): Buffer {
  return Buffer.from(`taskhooks/secret-box/${VERSION}\0${keyId}\0${context}`, 'utf8');
}

function parse(sealed: string): { keyId: string; iv: Buffer; body: Buffer } {
  const parts = sealed.split('.');
  const [version, keyId = '', ivText = '', bodyText = ''] = parts;
  const b64url = /^[A-Za-z0-9_-]+$/;
  if (
    parts.length !== 4 ||
    version !== VERSION ||
    !b64url.test(keyId) ||
    !b64url.test(ivText) ||
    !b64url.test(bodyText)
  ) {
    throw new SecretBoxError(
      'malformed',
      `sealed value is malformed: expected ${VERSION}.<keyId>.<iv>.<ciphertext>`,
    );
  }
  const iv = Buffer.from(ivText, 'base64url');
  const body = Buffer.from(bodyText, 'base64url');
  if (iv.length !== IV_BYTES || body.length < TAG_BYTES) {
    throw new SecretBoxError('malformed', 'sealed value is malformed: wrong IV or ciphertext length');
  }
  return { keyId, iv, body };
}
