// Servers that never give a settled HTTP answer, on real loopback sockets: a protocol switch (101),
// informational answers and then silence, a body that stalls or trickles forever, an answer whose
// socket is never closed. Each keeps its sockets open until close() so nothing but the client's own
// timeout can end a request.
import { createServer, type AddressInfo, type Socket } from 'node:net';

export interface HostileServer {
  url: string;
  port: number;
  /** Connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

/** Raw bytes written once the request has arrived; `then` may keep writing (a trickle). */
export async function hostileServer(answer: string, then?: (socket: Socket) => void): Promise<HostileServer> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createServer((s) => {
    accepted++;
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
    s.once('data', () => {
      if (answer) s.write(answer);
      then?.(s);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connections: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Every kind of answer that never settles by itself, by name. */
export const NON_SETTLING: Record<string, { answer: string; trickle?: boolean }> = {
  '101 Switching Protocols (websocket upgrade)': {
    answer: 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n',
  },
  '101 then bytes that are not HTTP': {
    answer: 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n\r\n\x00\x00\x12\x04',
  },
  '103 Early Hints, then silence': {
    answer: 'HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n',
  },
  '100 Continue, then silence': { answer: 'HTTP/1.1 100 Continue\r\n\r\n' },
  'headers, then a body that stalls': {
    answer: 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"a":',
  },
  'a chunked body that trickles forever': {
    answer:
      'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n{\r\n',
    trickle: true,
  },
  'an answer read to the end of a socket that never closes': {
    answer: 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{}',
  },
  'half the status line, then silence': { answer: 'HTTP/1.1 2' },
  'accepts and never answers': { answer: '' },
};

export function nonSettlingServer(name: string): Promise<HostileServer> {
  const spec = NON_SETTLING[name];
  if (!spec) throw new Error(`no such hostile server: ${name}`);
  return hostileServer(
    spec.answer,
    spec.trickle
      ? (s) => {
          const t = setInterval(() => {
            if (s.destroyed) clearInterval(t);
            else s.write('1\r\n \r\n');
          }, 50);
          s.on('close', () => clearInterval(t));
        }
      : undefined,
  );
}
