/**
 * The minutes' signature cycle seen from the mediation: who signs (the case's parties present, their
 * lawyers, the accepted mediator last), the cycle's number reserved once per attempt, and the
 * cycle's input. The workflow starts the cycle as its child with what this returns.
 */
import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { Config } from '../../config';
import { appendAudit } from '../../db/repositories/audit';
import { listSignerCandidates } from '../../db/repositories/signer-candidates';
import { planMinutesSigners, type MinutesCandidate } from '../../domain/mediation/minutes-signature';
import type { ExtraMinutesSigner, MinutesSigningMethod } from '../../domain/views/mediation-actions';
import { signatureWorkflowId, type SignatureCycleInput } from '../../workflows/signature/contract';

/**
 * The people of the case who can sign: the case's signer candidates (parties, their lawyers, the
 * accepted mediator — db/repositories/signer-candidates.ts) plus the lawyer an invited party named
 * when adhering, who is not in the filing.
 */
export async function listMinutesCandidates(sequelize: Sequelize, bodyId: string, caseId: string): Promise<MinutesCandidate[]> {
  const known = (await listSignerCandidates(sequelize, bodyId, caseId)) ?? [];
  const adhesions = await sequelize.query<{ position: number; lawyer: { firstName?: string; lastName?: string; taxCode?: string; pec?: string } | null }>(
    `SELECT party_position AS position, answer_details->'lawyer' AS lawyer FROM adhesion_invitations
      WHERE body_id = :bodyId AND case_id = :caseId AND answer = 'adhered' ORDER BY party_position`,
    { type: QueryTypes.SELECT, replacements: { bodyId, caseId } },
  );
  const out: MinutesCandidate[] = [...known];
  for (const a of adhesions) {
    const l = a.lawyer;
    if (!l || typeof l !== 'object' || known.some((c) => c.key === `lawyer-${a.position}`)) continue;
    out.push({ key: `lawyer-${a.position}`, role: 'lawyer', givenName: l.firstName ?? null, surname: l.lastName ?? null, taxCode: l.taxCode ?? null, email: l.pec ?? null, phone: null });
  }
  return out;
}

export interface PrepareMinutesSignatureInput {
  bodyId: string;
  caseId: string;
  workflowId: string;
  attempt: number;
  minutesDocumentId: string;
  /** Parties present at the last meeting (they and their lawyers sign). */
  positions: number[];
  outcome: string | null;
  methods?: Record<string, MinutesSigningMethod>;
  extraSigners?: ExtraMinutesSigner[];
  by: string | null;
}

export type PrepareMinutesSignatureResult =
  | { ready: false; missing: string[] }
  | { ready: true; cycleId: string; childWorkflowId: string; input: SignatureCycleInput };

const romeDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);

export function createMinutesSignatureActivities({ sequelize, config }: { sequelize: Sequelize; config: Config }) {
  /** Terms of the cycle: 15 days to sign, a reminder every 3 days (compressed by DEADLINE_TIME_SCALE like every term). */
  const seconds = (days: number) => Math.max(30, Math.round((days * 86_400) / config.DEADLINE_TIME_SCALE));

  return {
    /**
     * Plans the signers; when someone is missing says who. Otherwise reserves the cycle (its number
     * among the case's cycles, once per attempt: a retry returns the same cycle) and returns its input.
     */
    async prepareMinutesSignature(input: PrepareMinutesSignatureInput): Promise<PrepareMinutesSignatureResult> {
      const candidates = await listMinutesCandidates(sequelize, input.bodyId, input.caseId);
      const plan = planMinutesSigners(candidates, { positions: input.positions, methods: input.methods, extra: input.extraSigners });
      if (plan.missing.length > 0) return { ready: false, missing: plan.missing };

      const [kase] = await sequelize.query<{ case_number: string; subject: string }>('SELECT case_number, subject FROM cases WHERE body_id = :bodyId AND id = :caseId', {
        type: QueryTypes.SELECT,
        replacements: { bodyId: input.bodyId, caseId: input.caseId },
      });
      const title = `Verbale della mediazione n. ${kase?.case_number ?? ''}`;
      const reserved = await sequelize.transaction(async (transaction) => {
        const [existing] = await sequelize.query<{ cycle_id: string; workflow_id: string }>(
          'SELECT cycle_id, workflow_id FROM minutes_signatures WHERE body_id = :bodyId AND case_id = :caseId AND attempt = :attempt',
          { type: QueryTypes.SELECT, transaction, replacements: { bodyId: input.bodyId, caseId: input.caseId, attempt: input.attempt } },
        );
        if (existing) return { cycleId: existing.cycle_id, workflowId: existing.workflow_id };
        // The case's cycles share one numbering with those started by hand from the case page.
        await sequelize.query('SELECT id FROM cases WHERE body_id = :bodyId AND id = :caseId FOR UPDATE', { transaction, replacements: { bodyId: input.bodyId, caseId: input.caseId } });
        const [{ next }] = (await sequelize.query<{ next: number }>(
          "SELECT coalesce(max(seq), 0) + 1 AS next FROM signature_cycles WHERE body_id = :bodyId AND parent_kind = 'case' AND parent_id = :caseId",
          { type: QueryTypes.SELECT, transaction, replacements: { bodyId: input.bodyId, caseId: input.caseId } },
        )) as [{ next: number }];
        const cycleId = randomUUID();
        const workflowId = signatureWorkflowId(input.workflowId, next);
        await sequelize.query(
          `INSERT INTO signature_cycles (id, body_id, workflow_id, parent_kind, parent_id, seq, title, status, created_by)
           VALUES (:cycleId, :bodyId, :workflowId, 'case', :caseId, :seq, :title, 'starting', :by)`,
          { transaction, replacements: { cycleId, bodyId: input.bodyId, workflowId, caseId: input.caseId, seq: next, title, by: input.by } },
        );
        await sequelize.query(
          'INSERT INTO minutes_signatures (body_id, case_id, attempt, cycle_id, workflow_id) VALUES (:bodyId, :caseId, :attempt, :cycleId, :workflowId)',
          { transaction, replacements: { bodyId: input.bodyId, caseId: input.caseId, attempt: input.attempt, cycleId, workflowId } },
        );
        await appendAudit(
          { bodyId: input.bodyId, userId: input.by, action: 'signature.cycle_requested', entityType: 'signature_cycle', entityId: cycleId, workflowId: input.workflowId, details: { signers: plan.signers.length, documents: 1, format: 'pades', minutes: true } },
          transaction,
        );
        return { cycleId, workflowId };
      });

      return {
        ready: true,
        cycleId: reserved.cycleId,
        childWorkflowId: reserved.workflowId,
        input: {
          cycleId: reserved.cycleId,
          bodyId: input.bodyId,
          parent: { kind: 'case', id: input.caseId },
          title,
          documentIds: [input.minutesDocumentId],
          format: 'pades',
          signers: plan.signers.map((s) => ({ id: s.id, givenName: s.givenName, surname: s.surname, taxCode: s.taxCode, email: s.email, phone: s.phone, role: s.role, box: null, method: s.method })),
          steps: plan.steps,
          verifyBetweenSteps: true,
          deadlineSeconds: seconds(15),
          reminderEverySeconds: seconds(3),
          oneShotCertificateMinutes: 15,
          preservation: {
            classCode: 'VERBALI_MEDIAZIONI',
            metadata: {
              oggetto: `${title} — ${kase?.subject ?? ''}`.slice(0, 500),
              data_documento: romeDay(new Date()),
              numero_procedimento: kase?.case_number ?? '',
              ...(input.outcome ? { esito: input.outcome } : {}),
              riservato: 'si',
            },
          },
          createdBy: input.by,
        },
      };
    },
  };
}
