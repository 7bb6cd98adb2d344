// GET /api/export?format=csv|json[&key=NAME][&from=ISO][&to=ISO] on the web shell: the same file the
// popover's Export… and `cli export` make (electron/export), behind the secret like the rest of /api.
// Bad parameters are refused with what is wrong; nothing is echoed back but the parameter's name.
import { z } from 'zod';
import { EXPORT_FORMATS, exportFilterSchema } from '../export/model';
import { sendJson, type WebRoute } from './server';

const isoTime = z
  .string()
  .max(40)
  .refine((s) => Number.isFinite(Date.parse(s)), 'not an ISO 8601 time')
  .transform((s) => Date.parse(s));

const querySchema = z
  .object({
    format: z.enum(EXPORT_FORMATS).default('csv'),
    key: z.string().min(1).max(100).optional(),
    from: isoTime.optional(),
    to: isoTime.optional(),
  })
  .strict();

export const exportRoute: WebRoute = {
  method: 'GET',
  path: '/api/export',
  handle(_req, res, ctx) {
    const parsed = querySchema.safeParse(Object.fromEntries(ctx.url.searchParams));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.join('.') || 'query';
      return sendJson(res, 400, { error: `${where}: ${issue?.message ?? 'invalid'}` });
    }
    const { format, ...rest } = parsed.data;
    const filter = exportFilterSchema.parse(rest);
    const file = ctx.service.exportFile(format, filter);
    res.writeHead(200, {
      'Content-Type': `${file.mime}; charset=utf-8`,
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      'Cache-Control': 'no-store',
    });
    res.end(file.content);
  },
};
