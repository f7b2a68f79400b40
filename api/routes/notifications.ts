import { Router } from 'express';
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import type { Config } from '../../config';
import { createSecretBox } from '../../config/secret-box';
import { getCommunicationSettings, saveCommunicationSettings } from '../../db/repositories/communication-settings';
import type { DocumentRepository } from '../../db/repositories/documents';
import { listPecReceipts } from '../../db/repositories/pec-receipts';
import { channels, normalizeRecipientAddress } from '../../domain/notify/channels';
import { emailSchema } from '../../domain/registry/contact';
import { requirePermission } from '../auth/middleware';
import type { CommunicationsGateway } from '../communications-gateway';
import { ApiError } from '../errors';
import { parseInput } from '../validation';

const sendSchema = z.object({
  channel: z.enum(channels),
  recipient: z.union([z.object({ subjectId: z.uuid() }), z.object({ address: z.string().max(300), name: z.string().trim().max(200).optional() })]),
  title: z.string().trim().min(1, { error: 'REQUIRED' }).max(200, { error: 'TOO_LONG' }),
  message: z.string().trim().min(1, { error: 'REQUIRED' }).max(5000, { error: 'TOO_LONG' }),
  caseId: z.uuid().optional(),
  attachments: z.array(z.uuid()).max(20).optional(),
  /** PEC: postal address for the registered letter if the PEC is not delivered. */
  fallbackPostalAddress: z.string().max(300).optional(),
});

const url = (protocols: string[]) => z.url().refine((v) => protocols.includes(new URL(v).protocol), { error: 'INVALID_URL' });
const settingsSchema = z.object({
  senderName: z.string().trim().max(200).nullable().optional(),
  senderEmail: emailSchema.nullable().optional(),
  replyTo: emailSchema.nullable().optional(),
  signature: z.string().trim().max(1000).nullable().optional(),
  secretariatEmail: emailSchema.nullable().optional(),
  smsSender: z.string().trim().max(20).nullable().optional(),
  rateLimits: z.record(z.enum(['email', 'pec', 'sms']), z.number().int().min(0).max(10_000)).optional(),
  pec: z
    .object({
      address: emailSchema,
      smtpUrl: url(['smtp:', 'smtps:']),
      imapUrl: url(['imap:', 'imaps:']),
      username: z.string().min(1).max(200),
      password: z.string().min(1).max(500).optional(),
    })
    .nullable()
    .optional(),
});

const keySchema = z.uuid();

/** Single messages on any channel, PEC receipts, and the body's sender/PEC settings; under /api/bodies/:bodyId. */
export function notificationRoutes(sequelize: Sequelize, gateway: CommunicationsGateway, config: Config, documents: DocumentRepository): Router {
  const router = Router({ mergeParams: true });
  const box = createSecretBox(config);

  router.post('/communications', requirePermission('communications.send'), async (req, res) => {
    const key = keySchema.safeParse(req.header('Idempotency-Key'));
    if (!key.success) throw new ApiError('IDEMPOTENCY_KEY_REQUIRED');
    const body = parseInput(sendSchema, req.body);
    const bodyId = req.auth!.bodyId;
    // Checked here, at entry, so a bad address changes nothing; the activity checks again.
    if ('address' in body.recipient) {
      const checked = normalizeRecipientAddress(body.channel, body.recipient.address);
      if (!checked.ok) throw new ApiError('INVALID_RECIPIENT', [{ path: 'recipient.address', code: checked.code }]);
    }
    if (body.fallbackPostalAddress !== undefined && !normalizeRecipientAddress('registered_mail', body.fallbackPostalAddress).ok) {
      throw new ApiError('INVALID_RECIPIENT', [{ path: 'fallbackPostalAddress', code: 'INVALID_POSTAL_ADDRESS' }]);
    }
    const settings = await getCommunicationSettings(sequelize, bodyId);
    if (body.channel === 'pec' && !settings?.pec) throw new ApiError('PEC_NOT_CONFIGURED');
    const workflowId = await gateway.startNotification(
      {
        message: {
          channel: body.channel,
          bodyId,
          recipient: body.recipient,
          template: 'generic',
          data: { title: body.title, message: body.message },
          attachments: body.attachments ?? [],
          idempotencyKey: `api:${bodyId}:${key.data}`,
          caseId: body.caseId ?? null,
        },
        fallbackPostalAddress: body.fallbackPostalAddress ?? null,
      },
      key.data,
    );
    if (body.channel === 'pec') await gateway.ensurePecPoller(bodyId, config.PEC_POLL_INTERVAL_SECONDS);
    res.status(202).json({ workflowId });
  });

  router.get('/communications/:id/receipts', requirePermission('cases.read'), async (req, res) => {
    const id = z.uuid().safeParse(req.params.id);
    if (!id.success) throw new ApiError('NOT_FOUND');
    res.json({ items: await listPecReceipts(sequelize, req.auth!.bodyId, id.data) });
  });

  router.get('/communications/:id/receipts/:receiptId/eml', requirePermission('cases.read'), async (req, res) => {
    const bodyId = req.auth!.bodyId;
    const id = z.uuid().safeParse(req.params.id);
    const receipt = id.success ? (await listPecReceipts(sequelize, bodyId, id.data)).find((r) => r.id === req.params.receiptId) : undefined;
    if (!receipt?.documentId) throw new ApiError('NOT_FOUND');
    const { record, bytes } = await documents.readDocument(bodyId, receipt.documentId);
    res.setHeader('Content-Type', 'message/rfc822');
    res.setHeader('Content-Disposition', `attachment; filename="${record.filename}"`);
    res.send(bytes);
  });

  router.get('/communication-settings', requirePermission('body.admin'), async (req, res) => {
    const s = await getCommunicationSettings(sequelize, req.auth!.bodyId);
    if (!s) throw new ApiError('NOT_FOUND');
    // The PEC password never leaves the server.
    res.json({ ...s, pec: s.pec ? { address: s.pec.address, smtpUrl: s.pec.smtpUrl, imapUrl: s.pec.imapUrl, username: s.pec.username } : null });
  });

  router.put('/communication-settings', requirePermission('body.admin'), async (req, res) => {
    const body = parseInput(settingsSchema, req.body);
    const bodyId = req.auth!.bodyId;
    const current = await getCommunicationSettings(sequelize, bodyId);
    if (body.pec && !body.pec.password && !current?.pec) throw new ApiError('VALIDATION_FAILED', [{ path: 'pec.password', code: 'REQUIRED' }]);
    await saveCommunicationSettings(sequelize, bodyId, body, box, { userId: req.auth!.userId, requestId: String(req.id) });
    if (body.pec) await gateway.ensurePecPoller(bodyId, config.PEC_POLL_INTERVAL_SECONDS);
    res.status(204).end();
  });

  return router;
}
