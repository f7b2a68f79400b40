import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { RequestHandler } from 'express';
import { errorBody } from '../errors';
import { identifyCaller } from '../auth/operator';

/** Path under which the Temporal Web UI is served (dev server `--ui-public-path`). */
export const TEMPORAL_UI_PATH = '/temporal';

const hopByHop = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host']);

function forwardHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {};
  for (const [k, v] of Object.entries(headers)) {
    // Our session never travels to the Temporal UI server.
    if (!hopByHop.has(k) && k !== 'cookie' && k !== 'authorization') out[k] = v;
  }
  return out;
}

/**
 * The Temporal Web UI behind our own login, for platform operators only. Served from the app's
 * origin, the UI's codec calls to /api/codec are same-origin and carry the session cookie, so a
 * logged-in operator sees decrypted payloads; anyone else gets no UI at all here (and ciphertext on
 * the UI's own port).
 */
export function temporalUiProxy(target: string, accessSecret: string): RequestHandler {
  const upstream = new URL(target);
  return async (req, res) => {
    const caller = await identifyCaller(req, accessSecret);
    if (!caller || !caller.isOperator) {
      const code = caller ? 'OPERATOR_ONLY' : 'UNAUTHENTICATED';
      if (req.accepts(['html', 'json']) === 'html' && !caller) return res.redirect(302, `/accesso?redirect=${encodeURIComponent(req.originalUrl)}`);
      return res.status(caller ? 403 : 401).json(errorBody(code));
    }
    const proxied = httpRequest(
      {
        protocol: upstream.protocol,
        hostname: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.originalUrl,
        headers: { ...forwardHeaders(req.headers), host: upstream.host },
      },
      (up) => {
        res.status(up.statusCode ?? 502);
        for (const [k, v] of Object.entries(up.headers)) if (v !== undefined && !hopByHop.has(k)) res.setHeader(k, v);
        up.pipe(res);
      },
    );
    proxied.on('error', () => {
      if (!res.headersSent) res.status(502).json(errorBody('SERVICE_UNAVAILABLE'));
      else res.end();
    });
    req.pipe(proxied);
  };
}
