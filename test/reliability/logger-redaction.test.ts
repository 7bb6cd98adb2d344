// The file logger's own redaction, the second line of defence behind the service's: secrets nested at
// any depth, in `credentials.value`, in a URL's access_token=, and in base64 never reach the log file.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanFields, createFileLogger } from '../../electron/shell/logger';

const TOKEN = 'tok_9f8e7d6c5b4a3928170665';
let dir = '';
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

describe('file logger redaction', () => {
  it('covers nested tokens, credentials.value, URLs and base64 forms', () => {
    dir = mkdtempSync(join(tmpdir(), 'headroom-log-'));
    const log = createFileLogger(dir, { sync: true });
    log.error('probe failed', {
      key: { connection: { auth: { appToken: TOKEN, clientToken: TOKEN } } },
      credentials: { kind: 'header', value: TOKEN },
      url: `https://api.example.com/v1/x?access_token=${TOKEN}&limit=1`,
      basic: Buffer.from(`app:${TOKEN}`).toString('base64'),
      list: [{ deeper: { even: { more: { apiKey: TOKEN } } } }],
      limit: 100,
    });
    log.info(`redirected to https://h.example/cb#access_token=${TOKEN}`);
    log.flush();
    const text = readFileSync(log.file, 'utf8');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(TOKEN.slice(0, 12));
    expect(text).not.toContain(Buffer.from(`app:${TOKEN}`).toString('base64'));
    expect(text).toContain('"limit":100');
    expect(text).toContain('probe failed');
  });

  it('leaves ordinary fields readable', () => {
    expect(cleanFields({ keyId: 'k-1a2b', outcome: 'timeout', value: 42, tokens: 3 })).toEqual({
      keyId: 'k-1a2b',
      outcome: 'timeout',
      value: 42,
      tokens: '[redacted]',
    });
  });
});
