import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from '@temporalio/client';
import type { NativeConnectionOptions } from '@temporalio/worker';
import type { Config } from '../config';

/** Connection options (address, TLS, API key) shared by the API's client and the worker. */
export function temporalConnectionOptions(cfg: Config): ConnectionOptions & NativeConnectionOptions {
  const tls =
    cfg.TEMPORAL_TLS || cfg.TEMPORAL_TLS_CERT_PATH || cfg.TEMPORAL_API_KEY
      ? {
          ...(cfg.TEMPORAL_TLS_CA_PATH ? { serverRootCACertificate: readFileSync(cfg.TEMPORAL_TLS_CA_PATH) } : {}),
          ...(cfg.TEMPORAL_TLS_CERT_PATH && cfg.TEMPORAL_TLS_KEY_PATH
            ? { clientCertPair: { crt: readFileSync(cfg.TEMPORAL_TLS_CERT_PATH), key: readFileSync(cfg.TEMPORAL_TLS_KEY_PATH) } }
            : {}),
        }
      : undefined;
  return {
    address: cfg.TEMPORAL_ADDRESS,
    ...(tls ? { tls } : {}),
    ...(cfg.TEMPORAL_API_KEY ? { apiKey: cfg.TEMPORAL_API_KEY } : {}),
  };
}
