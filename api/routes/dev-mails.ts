import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Router } from 'express';
import { simpleParser } from 'mailparser';
import { identifyCaller } from '../auth/operator';
import { ApiError } from '../errors';

const fileName = /^[\w-]+\.eml$/;

/**
 * The e-mails kept by the embedded mail sink (MAIL_SINK_DIR), for platform operators: every body's
 * mail is there, so staff of one body do not see it.
 */
export function devMailRoutes(dir: string, accessSecret: string): Router {
  const router = Router();
  router.use(async (req, _res, next) => {
    const caller = await identifyCaller(req, accessSecret);
    if (!caller) throw new ApiError('UNAUTHENTICATED');
    if (!caller.isOperator) throw new ApiError('OPERATOR_ONLY');
    next();
  });

  router.get('/', async (_req, res) => {
    const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => fileName.test(f)).sort().reverse().slice(0, 200);
    const items = await Promise.all(
      files.map(async (id) => {
        const m = await simpleParser(await readFile(join(dir, id)));
        return { id, messageId: m.messageId ?? null, date: m.date?.toISOString() ?? null, from: m.from?.text ?? '', to: [m.to].flat().map((a) => a?.text ?? '').join(', '), subject: m.subject ?? '' };
      }),
    );
    res.json({ items });
  });

  router.get('/:id', async (req, res) => {
    const id = req.params.id;
    if (!fileName.test(id)) throw new ApiError('NOT_FOUND');
    const raw = await readFile(join(dir, id)).catch(() => null);
    if (!raw) throw new ApiError('NOT_FOUND');
    const m = await simpleParser(raw);
    res.json({ id, messageId: m.messageId ?? null, date: m.date?.toISOString() ?? null, from: m.from?.text ?? '', to: [m.to].flat().map((a) => a?.text ?? '').join(', '), subject: m.subject ?? '', text: m.text ?? '', html: m.html || null });
  });
  return router;
}
