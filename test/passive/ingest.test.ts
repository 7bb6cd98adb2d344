// POST /api/observations: passive readings posted by an integration that cannot be proxied. Only the
// bearer secret opens it; a batch with a bad item is refused item by item and nothing of it is stored.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeadroomService } from '../../electron/service/service-types';
import { ingestRoute } from '../../electron/web/ingest';
import { generateToken } from '../../electron/web/security';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { startWithDeclaredShop } from '../support/memory-service';

describe('POST /api/observations', () => {
  let root: string;
  let service: HeadroomService;
  let server: WebServer;
  const token = generateToken();
  const post = (body: unknown, auth = `Bearer ${token}`) =>
    fetch(`${server.url}/api/observations`, {
      method: 'POST',
      headers: { Authorization: auth, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  const total = () => service.passiveCalls().find((k) => k.name === 'Shop')?.total;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'headroom-ingest-'));
    await writeFile(join(root, 'index.html'), '<!doctype html>');
    service = await startWithDeclaredShop({ appId: 'app', token: 'token-12345', plan: 'startup' });
    server = await startWebServer({ service, root, token, routes: [ingestRoute()] });
  });

  afterAll(async () => {
    await server.close();
    await service.stop();
    await rm(root, { recursive: true, force: true });
  });

  const item = (over: Record<string, unknown> = {}) => ({
    key: 'Shop',
    at: new Date().toISOString(),
    status: 200,
    headers: { 'X-Rate-Limit-Limit': '1000', 'X-Rate-Limit-Remaining': '990' },
    path: '/v1/vouchers',
    ...over,
  });

  it('needs the bearer secret', async () => {
    // A wrong secret without an Origin is refused by the server's own checks (403), before the route.
    const res = await post(item(), 'Bearer wrong');
    expect([401, 403]).toContain(res.status);
    expect(total()).toBe(0);
  });

  it('refuses a batch with bad items, naming each, and stores nothing of it', async () => {
    const res = await post([
      item(),
      item({ status: 'ok' }),
      item({ key: 'Nobody' }),
      item({ at: 'yesterday' }),
      item({ body: 'not taken' }),
    ]);
    expect(res.status).toBe(422);
    const body = (await res.json()) as { refused: { index: number; reason: string }[] };
    expect(body.refused.map((r) => r.index)).toEqual([1, 2, 3, 4]);
    expect(body.refused[0]?.reason).toMatch(/^status: /);
    expect(body.refused[1]?.reason).toMatch(/no key named "Nobody"/);
    expect(body.refused[2]?.reason).toMatch(/^at: /);
    expect(body.refused[3]?.reason).toMatch(/body/);
    expect(total()).toBe(0);
  });

  it('stores one item or a batch, and folds the window into the key', async () => {
    expect((await post(item())).status).toBe(200);
    const res = await post([item(), item({ status: 401, headers: {} }), item({ at: Date.now() })]);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ stored: 3 });
    expect(total()).toBe(4);
  });
});
