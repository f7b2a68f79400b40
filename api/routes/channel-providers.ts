import { Router } from 'express';
import type { Config } from '../../config';
import { requirePermission } from '../auth/middleware';

/**
 * Which provider stands behind each channel in this installation, so the UI can say so: SMS are
 * only recorded in the outbox (`record-only`, the embedded default) or sent through Twilio; postal
 * mail and fax are always tasks for the secretariat (`manual`). Under /api/bodies/:bodyId.
 */
export function channelProviderRoutes(config: Config): Router {
  const router = Router({ mergeParams: true });
  router.get('/communication-providers', requirePermission('cases.read'), (_req, res) => {
    res.json({ email: 'smtp', pec: 'pec-smtp', sms: config.SMS_PROVIDER === 'twilio' ? 'twilio' : 'record-only', registered_mail: 'manual', priority_mail: 'manual', fax: 'manual' });
  });
  return router;
}
