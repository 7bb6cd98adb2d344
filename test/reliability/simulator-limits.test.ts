// The embedded simulator runs inside the app, so slow or idle clients must not hold its sockets: a client
// that never finishes its headers or its request is cut off, and connections beyond the cap are refused.
// Before: a slow client was held 91 s and there was no cap.
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../electron/simulator/server';

let sim: RunningSimulator | null = null;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await sim?.close();
  sim = null;
});

function open(port: number, first = ''): Promise<{ socket: Socket; closed: Promise<string> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      if (first) socket.write(first);
      resolve({ socket, closed });
    });
    sockets.push(socket);
    let data = '';
    socket.on('data', (d) => (data += d.toString()));
    const closed = new Promise<string>((r) => socket.on('close', () => r(data)));
    socket.on('error', () => undefined);
    socket.once('error', reject);
  });
}

describe('embedded simulator limits', () => {
  it('cuts off a client that never finishes its headers or its body', async () => {
    sim = await startSimulator({ load: 'none', headersTimeoutMs: 200, requestTimeoutMs: 400 });
    const idle = await open(sim.port);
    const slowHeaders = await open(sim.port, 'GET /v1/vouchers HTTP/1.1\r\nHost: x\r\n');
    const slowBody = await open(
      sim.port,
      'POST /v1/vouchers HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{',
    );
    // Each ends by the server's hand (the sockets stay open on this side otherwise).
    const [a, b, c] = await Promise.all([idle.closed, slowHeaders.closed, slowBody.closed]);
    expect(b + c).toMatch(/408|^$/);
    expect(typeof a).toBe('string');
  });

  it('refuses connections beyond its cap and keeps answering those it holds', async () => {
    sim = await startSimulator({ load: 'none', maxConnections: 3 });
    const held = await Promise.all([1, 2, 3].map(() => open(sim!.port)));
    const extra = await open(sim.port);
    expect(await extra.closed).toBe('');
    const project = sim.projects[0]!;
    held[0]!.socket.write(
      `GET /v1/vouchers?limit=1 HTTP/1.1\r\nHost: x\r\nX-App-Id: ${project.appId}\r\nX-App-Token: ${project.appToken}\r\nConnection: close\r\n\r\n`,
    );
    expect(await held[0]!.closed).toMatch(/^HTTP\/1\.1 200/);
  });
});
