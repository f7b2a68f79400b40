/**
 * Reads new messages in the body's PEC mailbox over IMAP (from the last UID seen), keeps each
 * receipt's original .eml in the document store as legal proof, records it against the message it
 * refers to (X-Riferimento-Message-ID / daticert msgid), moves the message's status, and returns the
 * signals for the workflows waiting on those messages. Idempotent: a receipt is recorded once
 * (provider id, kind, recipient), the read position is saved only after processing.
 */
import { Context } from '@temporalio/activity';
import type { Sequelize } from 'sequelize';
import type { SecretBox } from '../../../config/secret-box';
import { getCommunicationSettings } from '../../../db/repositories/communication-settings';
import type { DocumentRepository } from '../../../db/repositories/documents';
import { getMailboxPosition, outboxByMessageId, recordPecReceipt, setMailboxPosition } from '../../../db/repositories/pec-receipts';
import type { PecReceiptEvent } from '../../../workflows/notify/contract';
import { imapClientFor } from '../channels/pec-smtp';
import { parsePecReceipt } from './parse-receipt';

export interface PollResult {
  read: number;
  receipts: number;
  signals: { workflowId: string; event: PecReceiptEvent }[];
}

export function createPollPecReceipts(deps: { sequelize: Sequelize; box: SecretBox; documents: DocumentRepository }) {
  return async function pollPecReceipts({ bodyId }: { bodyId: string }): Promise<PollResult> {
    const settings = await getCommunicationSettings(deps.sequelize, bodyId, deps.box);
    if (!settings?.pec) return { read: 0, receipts: 0, signals: [] };
    const client = imapClientFor(settings.pec);
    await client.connect();
    const result: PollResult = { read: 0, receipts: 0, signals: [] };
    try {
      const lock = await client.getMailboxLock('INBOX');
      try {
        const mailbox = client.mailbox as { uidValidity?: bigint | number } | false;
        const uidValidity = mailbox ? Number(mailbox.uidValidity ?? 0) : 0;
        const pos = await getMailboxPosition(deps.sequelize, bodyId);
        // A new UIDVALIDITY means the UIDs were renumbered: read everything again (receipts dedupe).
        const from = pos.uidValidity === uidValidity ? pos.lastUid + 1 : 1;
        let last = pos.uidValidity === uidValidity ? pos.lastUid : 0;
        const messages: { uid: number; source: Buffer }[] = [];
        for await (const m of client.fetch(`${from}:*`, { uid: true, source: true }, { uid: true })) {
          if (m.uid >= from && m.source) messages.push({ uid: m.uid, source: m.source });
        }
        for (const m of messages.sort((a, b) => a.uid - b.uid)) {
          result.read++;
          const receipt = await parsePecReceipt(m.source);
          const outbox = receipt ? await outboxByMessageId(deps.sequelize, bodyId, receipt.referencedMessageId) : null;
          if (receipt && outbox) {
            const doc = await deps.documents.saveDocument({
              bodyId,
              ownerKind: 'message',
              ownerId: outbox.id,
              category: 'pec-receipt',
              filename: `ricevuta-${receipt.kind}.eml`,
              bytes: m.source,
              createdBy: null,
              admitted: ['message/rfc822'],
            });
            const recorded = await recordPecReceipt(deps.sequelize, {
              bodyId,
              outboxId: outbox.id,
              kind: receipt.kind,
              providerId: receipt.providerId,
              recipient: receipt.recipient,
              referencedMessageId: receipt.referencedMessageId,
              eventAt: receipt.eventAt,
              error: receipt.error,
              errorDetail: receipt.errorDetail,
              documentId: doc.id,
            });
            if (recorded) {
              result.receipts++;
              if (outbox.workflowId) {
                result.signals.push({
                  workflowId: outbox.workflowId,
                  event: { outboxId: outbox.id, receiptId: recorded.receiptId, kind: receipt.kind, status: recorded.status, recipient: receipt.recipient, eventAt: receipt.eventAt, documentId: doc.id },
                });
              }
            }
          }
          last = Math.max(last, m.uid);
          try {
            Context.current().heartbeat(m.uid);
          } catch {
            /* outside an activity */
          }
        }
        await setMailboxPosition(deps.sequelize, bodyId, { uidValidity, lastUid: last });
      } finally {
        lock.release();
      }
    } finally {
      await client.logout().catch(() => undefined);
    }
    return result;
  };
}
