// /metrics as the web shell mounts it: open to a local scraper when the server is bound to loopback,
// behind the bearer secret when it is bound anywhere else; the figures are the shell's own service's.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeadroomService } from '../../electron/service/service-types';
import { metricsRoute } from '../../electron/web/metrics-route';
import { startMemoryService } from '../support/memory-service';
import { generateToken } from '../../electron/web/security';
import { startWebServer, type WebServer } from '../../electron/web/server';

describe('/metrics on the web shell', () => {
  let root: string;
  let service: HeadroomService;
  const servers: WebServer[] = [];
  const token = generateToken();

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'headroom-metrics-route-'));
    await writeFile(join(root, 'index.html'), '<!doctype html><title>Headroom</title>');
    service = await startMemoryService();
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await service?.stop();
    await rm(root, { recursive: true, force: true });
  });

  async function serverFor(bindHost: string): Promise<WebServer> {
    // The route's openness follows the host the shell binds to; the test server itself stays on loopback.
    const s = await startWebServer({ service, root, token, routes: [metricsRoute(bindHost)] });
    servers.push(s);
    return s;
  }

  it('is open on a loopback bind and answers the Prometheus text format', async () => {
    const s = await serverFor('127.0.0.1');
    const res = await fetch(`${s.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await res.text()).toMatch(/^# HELP headroom_probe_calls_total /m);
  });

  it('needs the bearer secret when the shell is bound beyond loopback', async () => {
    const s = await serverFor('0.0.0.0');
    expect((await fetch(`${s.url}/metrics`)).status).toBe(401);
    const res = await fetch(`${s.url}/metrics`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain(token);
  });
});
