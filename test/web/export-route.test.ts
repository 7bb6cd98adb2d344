// GET /api/export on the web shell: the same file the popover and the CLI make, behind the secret,
// with its parameters checked.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../electron/simulator/server';
import type { HeadroomService } from '../../electron/service/service-types';
import { exportRoute } from '../../electron/web/export-route';
import { startMemoryService } from '../support/memory-service';
import { generateToken } from '../../electron/web/security';
import { startWebServer, type WebServer } from '../../electron/web/server';

describe('GET /api/export on the web shell', () => {
  let root: string;
  let service: HeadroomService;
  let server: WebServer;
  let sim: RunningSimulator;
  const token = generateToken();
  const auth = { headers: { Authorization: `Bearer ${token}` } };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'headroom-export-route-'));
    await writeFile(join(root, 'index.html'), '<!doctype html><title>Headroom</title>');
    service = await startMemoryService();
    // One real key, probed twice against the simulator: two readings to export.
    sim = await startSimulator({
      projects: [{ plan: 'startup', load: 'none', appId: 'app-1', appToken: 'sk_export_route_1234' }],
    });
    const saved = await service.saveKey({
      name: 'Shop API',
      connection: {
        provider: 'voucherify',
        region: 'custom',
        baseUrl: sim.url,
        appId: 'app-1',
        clientSide: false,
      },
      secrets: { token: 'sk_export_route_1234' },
      plan: { provider: 'voucherify', plan: 'startup' },
      cycle: { renewalDay: 1, timeZone: 'UTC' },
      thresholds: [80, 90, 100],
    });
    if (!saved.ok) throw new Error(saved.error);
    await service.probeNow(saved.keyId);
    await service.probeNow(saved.keyId);
    server = await startWebServer({ service, root, token, routes: [exportRoute] });
  });
  afterAll(async () => {
    await server?.close();
    await service?.stop();
    await sim?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('needs the secret', async () => {
    expect((await fetch(`${server.url}/api/export?format=csv`)).status).toBe(401);
  });

  it('answers the CSV the service makes, as a download', async () => {
    const res = await fetch(`${server.url}/api/export?format=csv`, auth);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="headroom-export-.*\.csv"$/,
    );
    const body = await res.text();
    // The same rows as the service's own file (figures computed "now" may differ by the moment).
    const rows = (text: string) => text.split('\n').filter((l) => l.startsWith('observation,'));
    expect(rows(body)).toEqual(rows(service.exportFile('csv', {}).content));
    expect(rows(body).length).toBeGreaterThanOrEqual(2);
    // The key's readings are in it, and never its token.
    expect(body).toContain('Shop API');
    expect(body).not.toContain('sk_export_route_1234');
  });

  it('filters by key and time, and answers JSON', async () => {
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const res = await fetch(
      `${server.url}/api/export?format=json&key=${encodeURIComponent('Shop API')}&from=${from}`,
      auth,
    );
    expect(res.status).toBe(200);
    const data = (await res.json()) as { observations: { key: string; at: string }[] };
    expect(data.observations.length).toBeGreaterThan(0);
    for (const o of data.observations) {
      expect(o.key).toBe('Shop API');
      expect(Date.parse(o.at)).toBeGreaterThanOrEqual(Date.parse(from));
    }
  });

  it('refuses an unknown format or time with the parameter named', async () => {
    const bad = await fetch(`${server.url}/api/export?format=xlsx`, auth);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^format: /);
    const when = await fetch(`${server.url}/api/export?from=yesterday`, auth);
    expect(when.status).toBe(400);
    expect(((await when.json()) as { error: string }).error).toMatch(/^from: /);
  });
});
