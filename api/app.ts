import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';
import pinoHttp from 'pino-http';
import type { Logger } from 'pino';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { createFileStore } from '../db/file-store';
import { createDocumentRepository } from '../db/repositories/documents';
import { requireAuth, requireBody } from './auth/middleware';
import { errorHandler, notFoundHandler } from './errors';
import { administrationRoutes } from './routes/administration';
import { authRoutes, meRoute } from './routes/auth';
import { caseActionRoutes } from './routes/case-actions';
import { caseDocumentRoutes } from './routes/case-documents';
import { caseFileRoutes } from './routes/case-file';
import { procedureActionRoutes } from './routes/procedure-actions';
import { publicAdhesionRoutes } from './routes/public-adhesion';
import { preservationRoutes } from './routes/preservation';
import { signatureCycleRoutes } from './routes/signature-cycles';
import { signerCandidateRoutes } from './routes/signer-candidates';
import { memberProfileRoutes, profileRoutes } from './routes/user-profile';
import { signaturePublicRoutes } from './routes/signature-public';
import { signatureVerificationRoutes } from './routes/signature-verification';
import { signatureGateway } from './temporal-signature';
import { caseRoutes } from './routes/cases';
import { PROTOCOL_JSON_LIMIT, protocolEntryRoutes } from './routes/protocol-entries';
import { protocolClosureRoutes } from './routes/protocol-closures';
import { protocolMailRoutes } from './routes/protocol-mail';
import { protocolRegisterRoutes } from './routes/protocol-registers';
import { mailCredentialKey } from '../db/repositories/protocol/mail-accounts';
import { communicationRoutes } from './routes/communications';
import { createCommunicationsGateway } from './communications-gateway';
import { mailingRoutes } from './routes/mailings';
import { notificationRoutes } from './routes/notifications';
import { unsubscribeRoutes } from './routes/unsubscribe';
import { devMailRoutes } from './routes/dev-mails';
import { codecRoutes } from './routes/codec';
import { healthRoutes } from './routes/health';
import { referenceRoutes } from './routes/reference';
import { TEMPORAL_UI_PATH, temporalUiProxy } from './routes/temporal-ui-proxy';
import type { TemporalGateway } from './temporal-client';

export interface AppDeps {
  config: Config;
  sequelize: Sequelize;
  temporal: TemporalGateway;
  logger: Logger;
  /** The clock of registrations (protocol); tests inject one to cross a year. */
  clock?: () => Date;
}

const requestIdPattern = /^[A-Za-z0-9._-]{8,64}$/;

export function createApp({ config, sequelize, temporal, logger, clock = () => new Date() }: AppDeps): Express {
  const documents = createDocumentRepository(sequelize, createFileStore(config.FILE_STORE_DIR));
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  // Before helmet: the Temporal UI brings its own headers (its inline bootstrap script would fail our CSP).
  if (config.TEMPORAL_UI_PROXY_TARGET) app.use(TEMPORAL_UI_PATH, temporalUiProxy(config.TEMPORAL_UI_PROXY_TARGET, config.JWT_ACCESS_SECRET));
  app.use(helmet());
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && requestIdPattern.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      serializers: { req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url.split('?')[0] }) },
    }),
  );

  // The codec router parses its own (larger) bodies and answers CORS for the Temporal Web UI.
  app.use('/api/codec', codecRoutes(config));
  // Public pages for parties without an account: parse their own (small) bodies.
  app.use('/api/public', publicAdhesionRoutes(sequelize, config, temporal, documents));
  // Protocol registrations carry their attachments (base64): a larger limit, for authenticated callers only.
  app.use('/api/bodies/:bodyId/protocol', requireAuth(config.JWT_ACCESS_SECRET), express.json({ limit: PROTOCOL_JSON_LIMIT }));
  app.use('/api', express.json({ limit: '1mb' }));
  app.use('/api', healthRoutes(sequelize, temporal));
  app.use('/api/auth', authRoutes(sequelize, config));
  app.use('/api', meRoute(sequelize, config));
  app.use('/api', profileRoutes(sequelize, config));
  const tenant = express.Router({ mergeParams: true });
  tenant.use(requireAuth(config.JWT_ACCESS_SECRET), requireBody(sequelize));
  tenant.use(caseRoutes(sequelize, temporal));
  tenant.use(caseActionRoutes(sequelize, temporal));
  tenant.use(caseDocumentRoutes(sequelize, documents));
  tenant.use(procedureActionRoutes(sequelize, temporal));
  tenant.use(caseFileRoutes(sequelize));
  tenant.use(referenceRoutes());
  tenant.use(administrationRoutes(sequelize));
  tenant.use(communicationRoutes(sequelize));
  const communications = createCommunicationsGateway(temporal, config.TEMPORAL_TASK_QUEUE);
  tenant.use(mailingRoutes(sequelize, communications, config));
  tenant.use(notificationRoutes(sequelize, communications, config, documents));
  tenant.use(protocolRegisterRoutes(sequelize, temporal));
  tenant.use(protocolClosureRoutes(sequelize, temporal, documents, clock));
  tenant.use(protocolEntryRoutes({ sequelize, documents, now: clock }));
  tenant.use(protocolMailRoutes(sequelize, temporal, mailCredentialKey(config.LINK_SIGNING_SECRET)));
  const signatures = signatureGateway(temporal, config.TEMPORAL_TASK_QUEUE);
  tenant.use(signatureCycleRoutes(sequelize, documents, signatures));
  tenant.use(signerCandidateRoutes(sequelize));
  tenant.use(memberProfileRoutes(sequelize));
  tenant.use(signatureVerificationRoutes(sequelize, documents, config));
  tenant.use(preservationRoutes(sequelize, documents, config, signatures));
  app.use('/api/public', signaturePublicRoutes(sequelize, documents, signatures, config.LINK_SIGNING_SECRET));
  app.use('/api/bodies/:bodyId', tenant);
  app.use('/api/public/unsubscribe', unsubscribeRoutes(sequelize, config));
  if (config.MAIL_SINK_DIR) app.use('/api/dev/mails', devMailRoutes(config.MAIL_SINK_DIR, config.JWT_ACCESS_SECRET));
  app.use('/api', notFoundHandler);

  const webDist = config.WEB_DIST_DIR ? resolve(config.WEB_DIST_DIR) : '';
  if (webDist && existsSync(join(webDist, 'index.html'))) {
    app.use(express.static(webDist, { index: false, maxAge: '1h' }));
    // Client-side routes: every other GET serves the app shell.
    app.get('/{*path}', (_req, res) => res.sendFile(join(webDist, 'index.html')));
  }
  app.use(errorHandler);
  return app;
}
