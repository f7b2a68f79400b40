import type { Router } from 'express';
import type { Config } from '../../config';
import { createCodecRouter } from '../../temporal/codec-router';
import { AesGcmPayloadCodec } from '../../temporal/payload-codec';
import { identifyCaller } from '../auth/operator';

/** Temporal's remote codec protocol for the Web UI: operators only, CORS for the UI's origin only. */
export function codecRoutes(config: Config): Router {
  return createCodecRouter({
    codec: new AesGcmPayloadCodec(config.TEMPORAL_PAYLOAD_KEYS),
    allowedOrigin: config.TEMPORAL_UI_ORIGIN,
    namespace: config.TEMPORAL_NAMESPACE,
    authenticate: (req) => identifyCaller(req, config.JWT_ACCESS_SECRET),
  });
}
