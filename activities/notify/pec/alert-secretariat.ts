import { QueryTypes, type Sequelize } from 'sequelize';
import { getCommunicationSettings } from '../../../db/repositories/communication-settings';
import type { NotifyInput, NotifyResult } from '../notify';

const kindText: Record<string, string> = {
  'errore-consegna': 'mancata consegna',
  'non-accettazione': 'non accettazione',
  'rilevazione-virus': 'rilevazione di virus',
  timeout: 'nessuna ricevuta di consegna entro 24 ore',
};

/**
 * Tells the secretariat that a PEC was not delivered (e-mail to the body's secretariat address,
 * else its sender address, else MAIL_FROM), once per message.
 */
export function createAlertSecretariat(deps: { sequelize: Sequelize; defaultFrom: string; notify: (i: NotifyInput) => Promise<NotifyResult> }) {
  return async function alertPecNotDelivered({ bodyId, outboxId, kind }: { bodyId: string; outboxId: string; kind: string }): Promise<NotifyResult> {
    const settings = await getCommunicationSettings(deps.sequelize, bodyId);
    const [m] = await deps.sequelize.query<{ subject: string | null; recipient_address: string; last: string | null }>(
      `SELECT o.subject, o.recipient_address,
              (SELECT r.error_detail FROM pec_receipts r WHERE r.outbox_id = o.id AND r.error_detail IS NOT NULL ORDER BY r.received_at DESC LIMIT 1) AS last
         FROM outbox o WHERE o.id = :outboxId AND o.body_id = :bodyId`,
      { type: QueryTypes.SELECT, replacements: { bodyId, outboxId } },
    );
    return deps.notify({
      channel: 'email',
      bodyId,
      recipient: { address: settings?.secretariatEmail ?? settings?.senderEmail ?? deps.defaultFrom, name: 'Segreteria' },
      template: 'pec-not-delivered',
      data: { title: m?.subject ?? '', recipientAddress: m?.recipient_address ?? '', receiptKind: kindText[kind] ?? kind, errorDetail: m?.last ? ` — ${m.last}` : '' },
      idempotencyKey: `alert:pec-not-delivered:${outboxId}`,
      workflowId: null,
    });
  };
}
