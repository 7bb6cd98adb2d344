// The forwarding proxy against a hand-written upstream: requests go on unchanged (method, path, query,
// headers, body, streamed), hop-by-hop fields do not, failures are passed on as given or answered
// 502, and nothing it logs carries a credential.
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type ProxiedAnswer, type RunningProxy } from '../../electron/proxy/forward';
import type { Logger } from '../../electron/service/ports';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

function send(
  port: number,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: IncomingMessage['headers']; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: opts.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('forwarding proxy', () => {
  let upstream: Server;
  let proxy: RunningProxy;
  const seen: Seen[] = [];
  const answers: ProxiedAnswer[] = [];
  const logged: string[] = [];
  const logger: Logger = {
    info: (m, f) => logged.push(`${m} ${JSON.stringify(f)}`),
    warn: (m, f) => logged.push(`${m} ${JSON.stringify(f)}`),
    error: (m, f) => logged.push(`${m} ${JSON.stringify(f)}`),
  };

  beforeAll(async () => {
    upstream = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
        });
        if (req.url?.startsWith('/api/fail')) {
          res.writeHead(503, { 'Retry-After': '7', 'Content-Type': 'application/json' });
          return void res.end('{"code":503,"message":"down"}');
        }
        if (req.url?.startsWith('/api/stream')) {
          // Two chunks with a pause: the first must reach the client before the second is written.
          res.writeHead(200, {
            'Content-Type': 'text/plain',
            'X-Rate-Limit-Limit': '100',
            'X-Rate-Limit-Remaining': '99',
          });
          res.write('first;');
          upstream.once('second', () => res.end('second'));
          return;
        }
        res.writeHead(201, {
          'Content-Type': 'application/json',
          'X-Rate-Limit-Limit': '1000',
          'X-Rate-Limit-Remaining': '998',
          Connection: 'close, X-Private-Hop',
          'X-Private-Hop': 'hop',
          'Set-Cookie': ['a=1', 'b=2'],
        });
        res.end(JSON.stringify({ echoed: Buffer.concat(chunks).toString() }));
      });
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    const { port } = upstream.address() as AddressInfo;
    proxy = await startProxy({
      name: 'Shop',
      upstream: `http://127.0.0.1:${port}/api`,
      port: 0,
      logger,
      onAnswer: (a) => answers.push(a),
    });
  });

  afterAll(async () => {
    await proxy.close();
    await new Promise((r) => upstream.close(r));
  });

  it('forwards method, path, query, end-to-end headers and body; drops hop-by-hop fields', async () => {
    const res = await send(proxy.port, '/v1/vouchers?limit=1&token=q', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-App-Token': 'secret-token-123',
        Connection: 'keep-alive, X-Mine',
        'X-Mine': 'only-for-the-proxy',
        'Keep-Alive': 'timeout=5',
        TE: 'trailers',
      },
      body: '{"a":1}',
    });
    const got = seen.at(-1)!;
    expect(got.method).toBe('POST');
    expect(got.url).toBe('/api/v1/vouchers?limit=1&token=q');
    expect(got.body).toBe('{"a":1}');
    expect(got.headers['x-app-token']).toBe('secret-token-123');
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['x-mine']).toBeUndefined();
    expect(got.headers['keep-alive']).toBeUndefined();
    expect(got.headers.te).toBeUndefined();
    expect(got.headers.via).toBe('1.1 headroom');

    expect(res.status).toBe(201);
    expect(JSON.parse(res.body)).toEqual({ echoed: '{"a":1}' });
    expect(res.headers['x-rate-limit-remaining']).toBe('998');
    expect(res.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(res.headers['x-private-hop']).toBeUndefined();

    const answer = answers.at(-1)!;
    expect(answer).toMatchObject({ status: 201, method: 'POST', path: '/v1/vouchers' });
    expect(answer.headers['x-rate-limit-limit']).toBe('1000');
    expect(answer.at).toBeGreaterThanOrEqual(answer.sentAt);
  });

  it('streams the answer: the first chunk arrives before the upstream has finished', async () => {
    const first = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: proxy.port, path: '/stream' }, (res) => {
        res.setEncoding('utf8');
        let body = '';
        res.on('data', (c: string) => {
          body += c;
          if (body === 'first;') {
            resolve(body);
            upstream.emit('second');
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(first).toBe('first;');
  });

  it('passes an upstream failure on as given', async () => {
    const res = await send(proxy.port, '/fail');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('7');
    expect(res.body).toBe('{"code":503,"message":"down"}');
    expect(answers.at(-1)?.status).toBe(503);
  });

  it('answers 502 when the API cannot be reached, and logs no credential', async () => {
    const dead = await startProxy({
      name: 'Dead',
      upstream: 'http://127.0.0.1:1',
      port: 0,
      logger,
      onAnswer: () => undefined,
    });
    try {
      const res = await send(dead.port, '/v1/vouchers?secret=abc', {
        headers: { 'X-App-Token': 'secret-token-123' },
      });
      expect(res.status).toBe(502);
      expect(JSON.parse(res.body).message).toMatch(/could not reach http:\/\/127.0.0.1:1 \(ECONNREFUSED\)/);
    } finally {
      await dead.close();
    }
    expect(logged.join('\n')).not.toMatch(/secret/);
  });

  it('refuses a foreign Host (a web page reaching it through a rebound name)', async () => {
    const before = seen.length;
    const res = await send(proxy.port, '/v1/vouchers', { headers: { Host: 'evil.example:80' } });
    expect(res.status).toBe(421);
    expect(seen.length).toBe(before);
  });
});
