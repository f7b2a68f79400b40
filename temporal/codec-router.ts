/**
 * Temporal remote codec protocol (POST /encode, POST /decode) for the Temporal Web UI and the CLI's
 * `--codec-endpoint`: operators only, CORS only for the Web UI's origin, one namespace.
 * Mount it under the API, e.g. `app.use('/api/codec', createCodecRouter({...}))`.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { ApplicationFailure, type Payload, type PayloadCodec } from '@temporalio/common';
import { errorMessages } from '../domain/errors';
import { DECRYPTION_ERROR_TYPE, UNKNOWN_KEY_ERROR_TYPE } from './payload-codec';

export interface CodecRouterOptions {
  codec: PayloadCodec;
  /** Origin of the Temporal Web UI (TEMPORAL_UI_ORIGIN), e.g. http://localhost:8233. */
  allowedOrigin: string;
  /** The only namespace served; requests must carry it in X-Namespace (the UI and CLI always do). */
  namespace: string;
  /** Owned by the API: who is calling (cookie or bearer), or null when nobody is logged in. */
  authenticate: (req: Request) => Promise<{ isOperator: boolean } | null>;
  /** Request body limit in bytes; 4 MB by default (Temporal refuses payloads over 2 MB). */
  maxBodyBytes?: number;
}

const codecMessages = {
  ...errorMessages,
  ORIGIN_NOT_ALLOWED: {
    it: 'Origine della richiesta non autorizzata.',
    en: 'Requests from this origin are not allowed.',
  },
  NAMESPACE_NOT_ALLOWED: {
    it: 'Namespace Temporal (X-Namespace) non servito da questo codec.',
    en: 'This codec does not serve that Temporal namespace (X-Namespace).',
  },
  PAYLOAD_UNDECODABLE: {
    it: 'Un payload non può essere decifrato (chiave non configurata o dati alterati).',
    en: 'A payload cannot be decrypted (key not configured or data altered).',
  },
} as const;
type CodecErrorCode = keyof typeof codecMessages;

const base64 = z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'must be base64');
const bodySchema = z.object({
  payloads: z.array(z.object({ metadata: z.record(z.string(), base64).optional(), data: base64.optional() })),
});
type JsonPayload = z.infer<typeof bodySchema>['payloads'][number];

const fromJson = (p: JsonPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data ?? '', 'base64'),
});
const toJson = (p: Payload): JsonPayload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  data: Buffer.from(p.data ?? []).toString('base64'),
});

function sendError(res: Response, status: number, code: CodecErrorCode): void {
  res.status(status).json({ error: { code, message: codecMessages[code] } });
}

export function createCodecRouter(o: CodecRouterOptions): Router {
  const allowedOrigin = new URL(o.allowedOrigin).origin;
  const router = express.Router();

  // CORS: headers only for the Web UI's origin; preflights are answered before authentication.
  router.use((req, res, next) => {
    res.vary('Origin');
    res.set('Cache-Control', 'no-store');
    const origin = req.get('Origin');
    const allowed = origin === allowedOrigin;
    if (allowed) {
      res.set('Access-Control-Allow-Origin', allowedOrigin);
      res.set('Access-Control-Allow-Credentials', 'true');
    }
    if (req.method === 'OPTIONS') {
      if (allowed) {
        res.set('Access-Control-Allow-Methods', 'POST');
        res.set('Access-Control-Allow-Headers', 'content-type, x-namespace, authorization');
        res.set('Access-Control-Max-Age', '600');
      }
      res.status(204).end();
      return;
    }
    // Same-origin calls (the Web UI served by the API at /temporal/) need no CORS; a browser page of
    // any other origin gets nothing, even with the operator's cookie.
    const sameOrigin = origin === `${req.protocol}://${req.get('host')}`;
    if (origin !== undefined && !allowed && !sameOrigin) return sendError(res, 403, 'ORIGIN_NOT_ALLOWED');
    next();
  });

  const guard = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const who = await o.authenticate(req);
    if (!who) return sendError(res, 401, 'UNAUTHENTICATED');
    if (!who.isOperator) return sendError(res, 403, 'OPERATOR_ONLY');
    if (req.get('X-Namespace') !== o.namespace) return sendError(res, 403, 'NAMESPACE_NOT_ALLOWED');
    next();
  };
  const parseJson = express.json({ limit: o.maxBodyBytes ?? 4 * 1024 * 1024 });

  for (const op of ['encode', 'decode'] as const) {
    router.post(`/${op}`, guard, parseJson, async (req, res) => {
      const parsed = bodySchema.safeParse(req.body);
      if (!parsed.success) return sendError(res, 400, 'VALIDATION_FAILED');
      const out = await o.codec[op](parsed.data.payloads.map(fromJson));
      res.json({ payloads: out.map(toJson) });
    });
  }

  router.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    const type = (err as { type?: unknown } | null)?.type;
    if (type === 'entity.too.large') return sendError(res, 413, 'PAYLOAD_TOO_LARGE');
    if (type === 'entity.parse.failed') return sendError(res, 400, 'MALFORMED_JSON');
    const undecodable = [UNKNOWN_KEY_ERROR_TYPE, DECRYPTION_ERROR_TYPE] as (string | null | undefined)[];
    if (err instanceof ApplicationFailure && undecodable.includes(err.type)) {
      return sendError(res, 422, 'PAYLOAD_UNDECODABLE');
    }
    next(err);
  });
  return router;
}
