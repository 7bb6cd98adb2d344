// A probe settles within its timeout whatever the server does: a protocol switch (101), informational
// answers and then silence, a stalled or endless body, a socket that is never closed. Before the fix a
// 101 never settled at all (Node emits 'upgrade', never 'response'), so a probe hung forever.
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { probeAll } from '../../electron/probe/pool';
import { probe, type ProbeResult } from '../../electron/probe/probe';
import { makeTarget, type ProbeTarget } from '../../electron/probe/targets';
import { NON_SETTLING, nonSettlingServer, type HostileServer } from '../reliability/hostile-servers';

const TOKEN = 'sk_test_hostile_0123456789';
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  while (open.length > 0) await open.pop()?.close();
});

function target(url: string, keyId = 'k', timeoutMs = 400): ProbeTarget {
  return makeTarget({
    keyId,
    provider: 'voucherify',
    baseUrl: url,
    credentials: { kind: 'voucherify-app', appId: 'app', appToken: TOKEN },
    timeoutMs,
  });
}

async function serve(name: string): Promise<HostileServer> {
  const s = await nonSettlingServer(name);
  open.push(s);
  return s;
}

describe('probe against answers that never settle by themselves', () => {
  for (const name of Object.keys(NON_SETTLING)) {
    it(`${name}: settles with a failure, never ok, never the token`, async () => {
      const s = await serve(name);
      // A 101 settles at once: a long timeout makes sure it is the upgrade, not the clock, that ends it
      // on a loaded machine. The others can only end at the timeout.
      const r = await probe(target(s.url, 'k', name.startsWith('101') ? 5_000 : 400));
      expect(r.outcome).not.toBe('ok');
      expect(['timeout', 'unexpected', 'connection']).toContain(r.outcome);
      expect(r.sent).toBe(true);
      expect(r.message).not.toContain(TOKEN);
      if (name.startsWith('101'))
        expect(r).toMatchObject({
          outcome: 'unexpected',
          message: expect.stringMatching(/switched protocols \(101\) instead of answering/),
        });
      else expect(r.outcome).toBe('timeout');
    });
  }

  it('a pool of 2 fed eight hostile servers and two good ones finishes every key', async () => {
    const good = createServer((_req, res) => {
      res.writeHead(200, {
        'X-Rate-Limit-Limit': '100',
        'X-Rate-Limit-Remaining': '99',
        'Content-Type': 'application/json',
      });
      res.end('{}');
    });
    await new Promise<void>((r) => good.listen(0, '127.0.0.1', r));
    open.push({ close: () => new Promise<void>((r) => good.close(() => r())) });
    const goodUrl = `http://127.0.0.1:${(good.address() as AddressInfo).port}`;
    const hostile = await Promise.all(Object.keys(NON_SETTLING).map(serve));
    const targets = [
      ...hostile.map((s, i) => target(s.url, `bad-${i}`, 300)),
      target(goodUrl, 'good-1'),
      target(goodUrl, 'good-2'),
    ];
    const results: ProbeResult[] = [];
    for await (const r of probeAll(targets, { concurrency: 2 })) results.push(r);
    expect(results).toHaveLength(targets.length);
    expect(
      results
        .filter((r) => r.outcome === 'ok')
        .map((r) => r.keyId)
        .sort(),
    ).toEqual(['good-1', 'good-2']);
  });
});

describe('connections', () => {
  let server: Server | null = null;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    server = null;
  });

  it('never reuses a keep-alive socket: each probe opens its own and leaves none idle', async () => {
    const sockets = new Set<Socket>();
    let connections = 0;
    server = createServer((_req, res) => {
      res.writeHead(200, { 'X-Rate-Limit-Limit': '100', 'X-Rate-Limit-Remaining': '50' });
      res.end('{}');
    });
    // A server that would happily keep sockets alive (and drop them while idle, like a proxy does).
    server.keepAliveTimeout = 60_000;
    server.on('connection', (s: Socket) => {
      connections++;
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (let i = 0; i < 3; i++) {
      const r = await probe(target(url, 'k', 2_000));
      expect(r.outcome).toBe('ok');
      // The server closing every socket between probes (what made "other side closed" possible)
      // cannot touch the next probe: it has none to reuse.
      for (const s of sockets) s.destroy();
    }
    expect(connections).toBe(3);
  });
});
