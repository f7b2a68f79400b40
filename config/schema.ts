import { z } from 'zod';

/** `"true"`/`"false"` (and 1/0) only: `Boolean("false")` is true, which is how configs go wrong. */
const envBoolean = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

const port = z.coerce.number().int().min(0).max(65535);
const url = z.url();

/** A secret that signs tokens: long enough to resist brute force. */
const secret = z.string().min(32, 'must be at least 32 characters');

/**
 * Keys for the payload codec: `id:base64key[,id:base64key…]`. The first key encrypts; every listed
 * key decrypts, so a new key is prepended while the old one stays listed until its workflows close.
 */
const payloadKeys = z
  .string()
  .min(1)
  .transform((raw, ctx) => {
    const keys: { id: string; key: Buffer }[] = [];
    for (const part of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
      const m = /^([A-Za-z0-9_-]{1,32}):([A-Za-z0-9+/=_-]+)$/.exec(part);
      const key = m ? Buffer.from(m[2]!, 'base64') : undefined;
      if (!m || !key || key.length !== 32) {
        ctx.addIssue({ code: 'custom', message: 'each entry must be id:base64 of a 32-byte key' });
        return z.NEVER;
      }
      if (keys.some((k) => k.id === m[1])) {
        ctx.addIssue({ code: 'custom', message: `key id ${m[1]} listed twice` });
        return z.NEVER;
      }
      keys.push({ id: m[1]!, key });
    }
    if (keys.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'at least one key is required' });
      return z.NEVER;
    }
    return keys;
  });

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  APP_PORT: port.default(3000),
  APP_HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_BASE_URL: url.default('http://localhost:3000'),
  /** Directory of the built UI served by the API; empty to serve no UI (API only). */
  WEB_DIST_DIR: z.string().default('web/dist'),
  /** Local file store (documents, attachments). */
  FILE_STORE_DIR: z.string().min(1).default('.data/files'),

  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection URL'),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),

  TEMPORAL_ADDRESS: z.string().regex(/^[^\s:]+:\d+$/, 'must be host:port').default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /** Task queue of the procedure workflows; tests give each suite its own. */
  TEMPORAL_TASK_QUEUE: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/).default('procedures'),
  TEMPORAL_TLS: envBoolean.default(false),
  TEMPORAL_TLS_CERT_PATH: z.string().optional(),
  TEMPORAL_TLS_KEY_PATH: z.string().optional(),
  TEMPORAL_TLS_CA_PATH: z.string().optional(),
  TEMPORAL_API_KEY: z.string().optional(),
  /** Origin of the Temporal Web UI, the only origin allowed to call the codec endpoint. */
  TEMPORAL_UI_ORIGIN: url.default('http://localhost:8233'),
  TEMPORAL_PAYLOAD_KEYS: payloadKeys,
  /**
   * Internal URL of a Temporal Web UI started with `--ui-public-path /temporal` (or TEMPORAL_UI_PUBLIC_PATH);
   * when set, the API serves it at /temporal/ to logged-in operators. `npm start` sets it.
   */
  TEMPORAL_UI_PROXY_TARGET: url.optional(),
  /** Prebuilt workflow bundle (`npm run build:workflows`); unset: workers bundle the source at start. */
  WORKFLOW_BUNDLE_PATH: z.string().optional(),

  JWT_ACCESS_SECRET: secret,
  /** Signs the public links (adhesion, signature) sent to parties. */
  LINK_SIGNING_SECRET: secret,
  /** Wraps the bodies' CA and seal private keys (AES-256-GCM, key derived with HKDF); never logged. */
  SIGNING_KEYS_SECRET: secret,
  /** Write-once archive of the preservation packages (PdA). */
  PRESERVATION_DIR: z.string().min(1).default('.data/preservation'),
  /** How often the archive's digests and signatures are re-verified (a Temporal Schedule interval). */
  PRESERVATION_AUDIT_EVERY: z.string().regex(/^\d+\s*(s|m|h|d)$/, 'a duration like 24h').default('24h'),
  /** Extra trust anchors for signature verification (PEM files, comma-separated), besides each body's own CA. */
  SIGNATURE_TRUST_ANCHORS: z.string().default(''),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(900),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(300).max(90 * 86400).default(14 * 86400),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCKOUT_SECONDS: z.coerce.number().int().min(1).max(86400).default(900),
  /** Send cookies only over HTTPS; true in production behind TLS. */
  COOKIE_SECURE: envBoolean.default(false),

  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be smtp:// or smtps://').default('smtp://127.0.0.1:2525'),
  MAIL_FROM: z.email().default('segreteria@mediazione.localhost'),
  /**
   * Compresses the legal deadlines' durations by this factor (1 = real time). Tests and demos only:
   * with 86400 a day lasts a second, so a 15-day adhesion term runs out in 15 s on real timers.
   */
  DEADLINE_TIME_SCALE: z.coerce.number().min(1).max(10_000_000).default(1),
  /** Directory of the embedded mail sink (`npm start`); when set, operators list its mails at /api/dev/mails. */
  MAIL_SINK_DIR: z.string().optional(),

  // --- Communications (issue #4) ---
  /** Connections the pooled SMTP transport keeps open (mass mailing throughput). */
  SMTP_POOL_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(50).default(5),
  /**
   * Where a retry asks whether the mail server already accepted a message left in `sending` by a
   * crash: `dir:<path>` (a ledger the embedded/test sink writes before its 250 reply) or
   * `imap://user:pass@host:port/Mailbox` (a journal/Sent mailbox searched by Message-ID). Unset: the
   * message is sent again (at-least-once). See docs/ARCHITECTURE.md, "Exactly once".
   */
  MAIL_ACCEPTED_LOOKUP: z.string().regex(/^(dir:.+|imaps?:\/\/.+)$/, 'must be dir:<path> or imap(s)://…').optional(),
  /** Encrypts per-body secrets at rest (PEC password): base64 of 32 bytes; unset: derived from LINK_SIGNING_SECRET. */
  SETTINGS_ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be base64 of 32 bytes')
    .optional(),
  /** `record`: SMS are kept in the outbox, not sent (the embedded default); `twilio`: sent through Twilio. */
  SMS_PROVIDER: z.enum(['record', 'twilio']).default('record'),
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'must be an AC… account SID').optional(),
  TWILIO_AUTH_TOKEN: z.string().min(16).optional(),
  /** Sender: an E.164 number or a Messaging Service SID (MG…). */
  TWILIO_FROM: z.string().regex(/^(\+[1-9]\d{6,14}|MG[0-9a-fA-F]{32})$/, 'must be +E.164 or a MG… SID').optional(),
  /** Base URL of a stand-in for Twilio's REST API (tests); unset: Twilio itself. */
  TWILIO_API_URL: url.optional(),
  /** Mass mailing: recipients per child workflow, per activity call, and child workflows run at once. */
  MAILING_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(500),
  MAILING_CHUNK_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  MAILING_PARALLEL_BATCHES: z.coerce.number().int().min(1).max(50).default(4),
  /** How often the PEC receipt poller reads each body's PEC mailbox. */
  PEC_POLL_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
});

export type Config = z.infer<typeof configSchema>;
