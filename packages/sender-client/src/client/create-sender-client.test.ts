import { describe, expect, it } from 'vitest';
import { createSenderClient } from './create-sender-client.js';

describe('createSenderClient options', () => {
  it('refuses a URL or API key it could never send, naming the option', () => {
    const url = 'http://127.0.0.1:8787';
    expect(() => createSenderClient({ url: '127.0.0.1:8787', apiKey: 'thk_admin_x' })).toThrow(/^url: /);
    expect(() => createSenderClient({ url, apiKey: '' })).toThrow(/^apiKey: required/);
    // A key read from a file with its newline, or pasted with a space: fetch would refuse the header.
    for (const apiKey of ['thk_admin_x\n', 'thk admin', 'thk_admin_é'])
      expect(() => createSenderClient({ url, apiKey })).toThrow(/^apiKey: must be printable ASCII/);
    expect(() => createSenderClient({ url, apiKey: 'thk_admin_AbC-_09' })).not.toThrow();
  });
});
