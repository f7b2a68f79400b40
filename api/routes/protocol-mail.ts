import { Router, type Request } from 'express';
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import { listWaiting, withImap } from '../../activities/protocol/imap-mailbox';
import { correspondentSchema, fileLinkSchema } from '../../domain/protocol/entry';
import { CLASSIFICATION_CODE_PATTERN } from '../../domain/protocol/classification';
import { mailAccountSchema, matchSender } from '../../domain/protocol/mailbox';
import type { MailPreview } from '../../domain/views/protocol';
import { precheck } from '../../db/repositories/protocol/entries';
import { createMailAccount, getMailAccount, listMailAccounts, registrySubjectsFor } from '../../db/repositories/protocol/mail-accounts';
import { requirePermission } from '../auth/middleware';
import { ApiError } from '../errors';
import type { TemporalGateway } from '../temporal-client';
import { parseInput } from '../validation';

const formSchema = z.object({
  subject: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(1000).optional()),
  classificationCode: z.string({ error: 'REQUIRED' }).trim().regex(CLASSIFICATION_CODE_PATTERN, { error: 'INVALID_CLASSIFICATION_CODE' }),
  correspondents: z.array(correspondentSchema).max(50).optional(),
  file: fileLinkSchema.optional(),
  confidential: z.boolean().optional(),
});

const messageParams = z.object({ uidValidity: z.string().regex(/^[0-9]{1,20}$/), uid: z.coerce.number().int().min(1) });

/**
 * Mailbox import (ProtoSFERA Plus): IMAP accounts per register, the preview of the messages waiting
 * in `sfera_msg_da_prot`, and their registration (workflows/protocol-mail), which moves each one to
 * `sfera_msg_prot` exactly once. The preview reads the mailbox through the same IMAP adapter the
 * activities use (activities/protocol/imap-mailbox.ts).
 */
export function protocolMailRoutes(sequelize: Sequelize, temporal: TemporalGateway, credentialKey: Buffer): Router {
  const router = Router({ mergeParams: true });
  const account = (req: Request) => getMailAccount(sequelize, credentialKey, req.auth!.bodyId, String(req.params.accountId));

  router.get('/protocol/mail/accounts', requirePermission('protocol.read'), async (req, res) => {
    const registerId = z.uuid().optional().safeParse(req.query.registerId);
    res.json({ items: await listMailAccounts(sequelize, req.auth!.bodyId, registerId.success ? registerId.data : undefined) });
  });

  router.post('/protocol/mail/accounts', requirePermission('protocol.admin'), async (req, res) => {
    const input = parseInput(mailAccountSchema, req.body);
    // The account must log in (and gets its two folders) before it is saved.
    await withImap(input, async () => undefined);
    res.status(201).json(await createMailAccount(sequelize, credentialKey, req.auth!.bodyId, input, req.auth!.userId, String(req.id)));
  });

  router.get('/protocol/mail/accounts/:accountId/messages', requirePermission('protocol.register'), async (req, res) => {
    const a = await account(req);
    const waiting = await listWaiting(a);
    const items: MailPreview[] = [];
    for (const m of waiting) {
      const matched = matchSender(m.from.address, await registrySubjectsFor(sequelize, req.auth!.bodyId, m.from.address));
      items.push({ accountId: a.id, ...m, matchedSubject: matched ? { id: matched.id, displayName: matched.displayName } : null });
    }
    res.json({ items });
  });

  router.post('/protocol/mail/accounts/:accountId/messages/:uidValidity/:uid/registration', requirePermission('protocol.register'), async (req, res) => {
    const a = await account(req);
    const params = messageParams.safeParse(req.params);
    if (!params.success) throw new ApiError('MAIL_MESSAGE_NOT_FOUND');
    const form = parseInput(formSchema, req.body);
    // Refuse what the registration would refuse before starting anything.
    await precheck({ sequelize }, {
      bodyId: req.auth!.bodyId,
      entry: { registerId: a.registerId, direction: 'incoming', channel: a.kind, correspondents: form.correspondents ?? [], subject: form.subject ?? '-', classificationCode: form.classificationCode, receivedDocument: undefined, confidential: false, file: form.file },
    });
    const { workflowId, result } = await temporal.registerMailMessage({
      bodyId: req.auth!.bodyId, accountId: a.id, uidValidity: params.data.uidValidity, uid: params.data.uid, form, by: req.auth!.userId,
    });
    res.status(result ? 201 : 202).json({ workflowId, ...(result ?? {}) });
  });

  return router;
}
