// Answers GET/HEAD /metrics on a Node HTTP server. Authorisation is the mounting server's job (open on
// loopback, the same bearer secret as the rest of its API elsewhere): call this only once it passed.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MetricsEndpoint } from './endpoint';

export const METRICS_PATH = '/metrics';

export async function answerMetrics(
  req: IncomingMessage,
  res: ServerResponse,
  endpoint: MetricsEndpoint,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
    res.end('Only GET and HEAD are allowed on /metrics.\n');
    return;
  }
  let body: string;
  try {
    body = await endpoint.render();
  } catch {
    // The reason stays in the server: the exposition is built from key names and figures only,
    // but an error text is not worth the risk of echoing anything else.
    res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    res.end('Headroom could not build its metrics.\n');
    return;
  }
  res.writeHead(200, {
    'content-type': endpoint.contentType,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
