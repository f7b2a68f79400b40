import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import type { Config } from '../../config';
import { countUnsubscribes, createMailing, getMailing, listMailings, mailingProgressFromOutbox, type MailingRecord } from '../../db/repositories/mailings';
import { getCommunicationSettings } from '../../db/repositories/communication-settings';
import { audienceSchema, defaultChannelRates, mailingChannels, mailingKinds, allowedMailingActions } from '../../domain/notify/mailing';
import { mailingWorkflowId } from '../../workflows/mailing/contract';
import { requirePermission } from '../auth/middleware';
import type { CommunicationsGateway, MailingAction } from '../communications-gateway';
import { ApiError } from '../errors';
import { parseInput } from '../validation';

const createSchema = z.object({
  kind: z.enum(mailingKinds),
  channel: z.enum(mailingChannels),
  subject: z.string().trim().min(1, { error: 'REQUIRED' }).max(200, { error: 'TOO_LONG' }),
  message: z.string().trim().min(1, { error: 'REQUIRED' }).max(5000, { error: 'TOO_LONG' }),
  audience: audienceSchema,
});
const listSchema = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20), offset: z.coerce.number().int().min(0).default(0) });
const idSchema = z.uuid();
const keySchema = z.uuid();

/** Mass mailings (Spedizioni Online, newsletter); mounted under /api/bodies/:bodyId. */
export function mailingRoutes(sequelize: Sequelize, gateway: CommunicationsGateway, config: Config): Router {
  const router = Router({ mergeParams: true });

  async function view(m: MailingRecord) {
    const live = await gateway.mailingStatus(m.bodyId, m.id);
    const progress = live?.progress ?? (await mailingProgressFromOutbox(sequelize, m.bodyId, m.id, m.total ?? 0));
    const state = live?.state ?? m.state;
    const unsubscribed = await countUnsubscribes(sequelize, m.bodyId);
    return { ...m, state, progress, allowedActions: live?.allowedActions ?? allowedMailingActions(state), live: live !== null, unsubscribed };
  }

  router.get('/mailings', requirePermission('mailings.manage'), async (req, res) => {
    const q = parseInput(listSchema, req.query);
    const bodyId = req.auth!.bodyId;
    const { items, total } = await listMailings(sequelize, bodyId, q.limit, q.offset);
    const unsubscribed = await countUnsubscribes(sequelize, bodyId);
    res.json({ items: await Promise.all(items.map(async (m) => ({ ...m, progress: await mailingProgressFromOutbox(sequelize, bodyId, m.id, m.total ?? 0) }))), total, unsubscribed });
  });

  router.post('/mailings', requirePermission('mailings.manage'), async (req, res) => {
    const key = keySchema.safeParse(req.header('Idempotency-Key'));
    if (!key.success) throw new ApiError('IDEMPOTENCY_KEY_REQUIRED');
    const body = parseInput(createSchema, req.body);
    if (body.kind === 'newsletter' && body.channel !== 'email') throw new ApiError('VALIDATION_FAILED', [{ path: 'channel', code: 'NEWSLETTER_BY_EMAIL_ONLY' }]);
    const bodyId = req.auth!.bodyId;
    const settings = await getCommunicationSettings(sequelize, bodyId);
    if (body.channel === 'pec' && !settings?.pec) throw new ApiError('PEC_NOT_CONFIGURED');
    const id = randomUUID();
    const { mailing, created } = await createMailing(sequelize, {
      id,
      bodyId,
      idempotencyKey: key.data,
      ...body,
      workflowId: mailingWorkflowId(bodyId, id),
      createdBy: req.auth!.userId,
      requestId: String(req.id),
    });
    await gateway.startMailing({
      bodyId,
      mailingId: mailing.id,
      channel: mailing.channel,
      batchSize: config.MAILING_BATCH_SIZE,
      chunkSize: config.MAILING_CHUNK_SIZE,
      parallelBatches: config.MAILING_PARALLEL_BATCHES,
      ratePerSecond: settings?.rateLimits[mailing.channel] ?? defaultChannelRates[mailing.channel],
    });
    res.status(created ? 201 : 200).json(await view(mailing));
  });

  router.get('/mailings/:id', requirePermission('mailings.manage'), async (req, res) => {
    const id = idSchema.safeParse(req.params.id);
    const m = id.success ? await getMailing(sequelize, req.auth!.bodyId, id.data) : null;
    if (!m) throw new ApiError('NOT_FOUND');
    res.json(await view(m));
  });

  router.post('/mailings/:id/:action', requirePermission('mailings.manage'), async (req, res) => {
    const action = z.enum(['pause', 'resume', 'cancel']).safeParse(req.params.action);
    const id = idSchema.safeParse(req.params.id);
    if (!action.success || !id.success) throw new ApiError('NOT_FOUND');
    const m = await getMailing(sequelize, req.auth!.bodyId, id.data);
    if (!m) throw new ApiError('NOT_FOUND');
    const key = req.header('Idempotency-Key');
    const status = await gateway.mailingAction(m.bodyId, m.id, action.data as MailingAction, { by: req.auth!.userId }, key && keySchema.safeParse(key).success ? `${action.data}:${key}` : undefined);
    res.json({ ...m, ...status, live: true });
  });

  return router;
}
