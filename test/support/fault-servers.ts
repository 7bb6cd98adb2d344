// Servers that misbehave on real loopback sockets, for the probe's failure classes. Each returns its
// URL and a close() that frees every socket it holds.
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server, type Socket } from 'node:net';

export interface FaultServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

function track(server: Server): { sockets: Set<Socket>; close(): Promise<void> } {
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return {
    sockets,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

async function listen(server: Server): Promise<FaultServer> {
  const t = track(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, port, close: t.close };
}

/** Answers every request with the handler (a plain HTTP server). */
export function httpServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<FaultServer> {
  return listen(createHttpServer(handler));
}

/** Accepts the connection and the request, and never answers. */
export function hangingServer(): Promise<FaultServer> {
  return listen(createNetServer(() => undefined));
}

/** Drops the connection as soon as the request arrives. */
export function droppingServer(): Promise<FaultServer> {
  return listen(createNetServer((s) => s.once('data', () => s.destroy())));
}

/** Writes raw bytes as the answer, then closes. */
export function rawServer(bytes: string): Promise<FaultServer> {
  return listen(createNetServer((s) => s.once('data', () => s.end(bytes))));
}

/** A port on 127.0.0.1 with nothing listening (bound, then released). */
export async function closedPort(): Promise<number> {
  const s = await listen(createNetServer());
  await s.close();
  return s.port;
}
