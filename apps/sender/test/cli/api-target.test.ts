import { describe, expect, it } from 'vitest';
import { resolveApiTarget } from '../../src/cli/remote/api-target.js';

const env = { TASKHOOKS_API_KEY: 'thk_admin_x' };

function usageMessage(apiUrl: string): string {
  try {
    resolveApiTarget({ 'api-url': apiUrl }, env);
  } catch (error) {
    expect((error as { exitCode?: number }).exitCode).toBe(2);
    return (error as Error).message;
  }
  throw new Error('expected a usage error');
}

describe('resolveApiTarget', () => {
  it('refuses credentials in --api-url without printing them', () => {
    const message = usageMessage('http://user:s3cretpw@127.0.0.1:8787');
    expect(message).toBe(
      '--api-url: must not contain a user name or password, got "http://…@127.0.0.1:8787"; the API key goes in --api-key or TASKHOOKS_API_KEY',
    );
    // Passwords holding @, # or /, and a URL without scheme://, are masked all the same.
    for (const url of [
      'ftp://user:s3cretpw@host',
      'http://user:s3cretpw@[bad',
      'http://user:p@ss3cretpw@127.0.0.1:8787',
      'http://user:s3#cretpw@host:8787',
      'http://user:s3/cretpw@host:8787',
      'admin:s3cretpw@sender.internal:8787',
    ]) {
      const message = usageMessage(url);
      expect(message, url).not.toMatch(/cretpw|ss3|s3#|s3\//);
    }
  });

  it('takes a plain URL, trimming trailing slashes', () => {
    expect(resolveApiTarget({ 'api-url': 'https://hooks.example.com/' }, env).url).toBe(
      'https://hooks.example.com',
    );
  });
});
