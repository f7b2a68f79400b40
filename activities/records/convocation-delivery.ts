/**
 * The convocation by PEC, seen from the mediation: which invited parties get it by PEC (the body has
 * a PEC account and the party a PEC address), and the outcome recorded on the party's invitation
 * with its audit row (timeline "convocazione consegnata" / "non consegnata").
 */
import { QueryTypes, type Sequelize } from 'sequelize';
import type { Config } from '../../config';
import { appendAudit } from '../../db/repositories/audit';

export interface PecConvocationTarget {
  position: number;
  address: string;
  name: string;
}

export function createConvocationDeliveryActivities({ sequelize, config }: { sequelize: Sequelize; config: Config }) {
  return {
    /** The invited parties to convene by PEC, and how long to wait for the delivery receipt (24 h by law, scaled like every term). */
    async convocationChannels(input: { bodyId: string; caseId: string; positions: number[] }): Promise<{ pec: PecConvocationTarget[]; receiptTimeoutSeconds: number }> {
      const receiptTimeoutSeconds = Math.max(30, Math.round(86_400 / config.DEADLINE_TIME_SCALE));
      const [settings] = await sequelize.query<{ pec_address: string | null }>('SELECT pec_address FROM communication_settings WHERE body_id = :bodyId', {
        type: QueryTypes.SELECT,
        replacements: { bodyId: input.bodyId },
      });
      if (!settings?.pec_address || input.positions.length === 0) return { pec: [], receiptTimeoutSeconds };
      const rows = await sequelize.query<{ position: number; pec: string | null; name: string }>(
        `SELECT cp.position, s.pec, coalesce(s.company_name, s.first_name || ' ' || s.last_name) AS name
           FROM case_parties cp JOIN subjects s ON s.id = cp.subject_id AND s.body_id = cp.body_id
          WHERE cp.body_id = :bodyId AND cp.case_id = :caseId AND cp.position IN (:positions) ORDER BY cp.position`,
        { type: QueryTypes.SELECT, replacements: { bodyId: input.bodyId, caseId: input.caseId, positions: input.positions } },
      );
      return { pec: rows.filter((r) => !!r.pec).map((r) => ({ position: r.position, address: r.pec!, name: r.name })), receiptTimeoutSeconds };
    },

    /** The convocation's delivery on the invitation, with its audit row, once per outcome. */
    async recordConvocationDelivery(input: {
      bodyId: string;
      caseId: string;
      workflowId: string;
      position: number;
      status: 'sending' | 'delivered' | 'not_delivered' | 'failed';
      outboxId: string | null;
      detail: string | null;
      registeredLetterOutboxId?: string | null;
      at: string;
    }): Promise<void> {
      await sequelize.transaction(async (transaction) => {
        const [, meta] = await sequelize.query(
          `UPDATE adhesion_invitations SET delivery_channel = 'pec', delivery_status = :status, delivery_outbox_id = coalesce(:outboxId, delivery_outbox_id),
                  delivery_detail = :detail, delivery_at = :at
            WHERE body_id = :bodyId AND case_id = :caseId AND party_position = :position AND delivery_status IS DISTINCT FROM :status`,
          { transaction, replacements: { status: input.status, outboxId: input.outboxId, detail: input.detail, at: input.at, bodyId: input.bodyId, caseId: input.caseId, position: input.position } },
        );
        if (((meta as { rowCount?: number } | null)?.rowCount ?? 0) === 0) return; // recorded by an earlier attempt
        if (input.status === 'sending') return;
        await appendAudit(
          {
            bodyId: input.bodyId,
            userId: null,
            action: input.status === 'delivered' ? 'case.convocation_delivered' : 'case.convocation_not_delivered',
            entityType: 'case',
            entityId: input.caseId,
            workflowId: input.workflowId,
            details: { position: input.position, channel: 'pec', outboxId: input.outboxId, detail: input.detail, registeredLetterOutboxId: input.registeredLetterOutboxId ?? null },
          },
          transaction,
        );
      });
    },
  };
}
