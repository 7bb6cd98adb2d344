// POST /api/observations: passive readings from an integration that cannot be routed through the
// proxy. It posts what its calls were answered (one item or a batch): which key, when, the status and
// the response headers. Every item is checked first; if any is refused, each refusal is listed with
// its reason and nothing is stored, so a retry of the corrected batch never counts a call twice.
// Only the bearer secret opens it (a script, not the page).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { HeadroomService } from '../service/service-types';
import { sendJson, type WebRoute } from './server';

export const MAX_INGEST_ITEMS = 1_000;
const MAX_INGEST_BYTES = 2 * 1024 * 1024;
const MAX_HEADERS = 100;

const headerValue = z.union([
  z.string().max(8_192),
  z.number().finite(),
  z.array(z.string().max(8_192)).max(20),
]);

export const observationSchema = z
  .object({
    key: z.string().trim().min(1, 'name the key (its name or id)').max(60),
    at: z.union([z.iso.datetime({ offset: true }), z.number().int().positive()], {
      message: 'must be an ISO date-time or epoch milliseconds',
    }),
    status: z.number().int('must be a whole number').min(100).max(599),
    headers: z
      .record(z.string().min(1).max(200), headerValue)
      .refine((h) => Object.keys(h).length <= MAX_HEADERS, `at most ${MAX_HEADERS} headers`),
    path: z.string().max(2_048).optional(),
  })
  .strict();
export type Observation = z.infer<typeof observationSchema>;

export interface IngestRefusal {
  index: number;
  reason: string;
}

/** Checks a body (one item or an array); every refusal named, or the items ready to store. */
export function checkObservations(
  body: unknown,
  service: Pick<HeadroomService, 'passiveCalls'>,
  now: number,
): { items: (Observation & { atMs: number; keyRef: string })[] } | { refused: IngestRefusal[] } {
  const list = Array.isArray(body) ? body : [body];
  if (list.length === 0) return { refused: [{ index: 0, reason: 'no observations in the body' }] };
  if (list.length > MAX_INGEST_ITEMS)
    return {
      refused: [{ index: MAX_INGEST_ITEMS, reason: `at most ${MAX_INGEST_ITEMS} observations a request` }],
    };
  const keys = service.passiveCalls();
  const refused: IngestRefusal[] = [];
  const items: (Observation & { atMs: number; keyRef: string })[] = [];
  list.forEach((raw, index) => {
    const parsed = observationSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
      refused.push({ index, reason: `${where}${issue?.message ?? 'invalid'}` });
      return;
    }
    const o = parsed.data;
    const key = keys.find((k) => k.keyId === o.key || k.name === o.key);
    if (!key) return void refused.push({ index, reason: `key: no key named "${o.key}"` });
    const atMs = typeof o.at === 'number' ? o.at : Date.parse(o.at);
    if (atMs > now + 60_000) return void refused.push({ index, reason: 'at: is in the future' });
    items.push({ ...o, atMs, keyRef: key.keyId });
  });
  return refused.length > 0 ? { refused } : { items };
}

export function ingestRoute(now: () => number = Date.now): WebRoute {
  return {
    method: 'POST',
    path: '/api/observations',
    async handle(req: IncomingMessage, res: ServerResponse, ctx) {
      if (ctx.auth !== 'bearer')
        return sendJson(res, 401, { error: 'send the Headroom secret as Authorization: Bearer …' });
      const body = await readBody(req);
      if ('error' in body) return sendJson(res, body.status, { error: body.error });
      const checked = checkObservations(body.value, ctx.service, now());
      if ('refused' in checked)
        return sendJson(res, 422, {
          error: 'nothing was stored; fix these and send again',
          refused: checked.refused,
        });
      const byKey = new Map<string, typeof checked.items>();
      for (const item of checked.items) byKey.set(item.keyRef, [...(byKey.get(item.keyRef) ?? []), item]);
      for (const [keyRef, items] of byKey)
        ctx.service.recordPassive(
          keyRef,
          items.map((i) => ({ at: i.atMs, status: i.status, headers: i.headers, path: i.path ?? '' })),
        );
      return sendJson(res, 200, { stored: checked.items.length });
    },
  };
}

type Body = { value: unknown } | { error: string; status: number };

function readBody(req: IncomingMessage): Promise<Body> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    req.resume();
    return Promise.resolve({ error: 'send application/json', status: 415 });
  }
  if (Number(req.headers['content-length'] ?? 0) > MAX_INGEST_BYTES) {
    req.resume();
    return Promise.resolve({ error: 'request body too large', status: 413 });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (b: Body) => {
      if (!done) {
        done = true;
        resolve(b);
      }
    };
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_INGEST_BYTES) finish({ error: 'request body too large', status: 413 });
      else chunks.push(c);
    });
    req.on('error', () => finish({ error: 'request body not received', status: 400 }));
    req.on('end', () => {
      try {
        finish({ value: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown });
      } catch {
        finish({ error: 'request body is not JSON', status: 400 });
      }
    });
  });
}
