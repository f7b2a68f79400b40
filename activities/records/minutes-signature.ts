/**
 * The minutes' signature cycle seen from the mediation: who signs (the case's parties present, their
 * lawyers, the accepted mediator last), the cycle's number reserved once per attempt, and the
 * cycle's input. The workflow starts the cycle as its child with what this returns.
 */
import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { Config } from '../../config';
import { appendAudit } from '../../db/repositories/audit';
import { planMinutesSigners, type MinutesCandidate } from '../../domain/mediation/minutes-signature';
import type { ExtraMinutesSigner, MinutesSigningMethod } from '../../domain/views/mediation-actions';
import { signatureWorkflowId, type SignatureCycleInput } from '../../workflows/signature/contract';

interface SubjectJson {
  kind: 'person' | 'company';
  first_name: string | null;
  last_name: string | null;
  tax_code: string | null;
  email: string | null;
  pec: string | null;
  phone: string | null;
}

/** Given name and surname from a user's single full-name field: first word, then the rest. */
function splitName(full: string): { givenName: string; surname: string } {
  const words = full.trim().split(/\s+/).filter(Boolean);
  return words.length <= 1 ? { givenName: words[0] ?? '', surname: words[0] ?? '' } : { givenName: words[0]!, surname: words.slice(1).join(' ') };
}

const fromSubject = (key: string, role: 'party' | 'lawyer', s: SubjectJson): MinutesCandidate => ({
  key,
  role,
  givenName: s.kind === 'person' ? s.first_name : null,
  surname: s.kind === 'person' ? s.last_name : null,
  taxCode: s.kind === 'person' ? s.tax_code : null,
  email: s.email ?? s.pec,
  phone: s.phone,
});

/**
 * The people of the case who can sign: parties, their lawyers (from the filing, or given with the
 * adhesion), the accepted mediator. The mediator's tax code comes from `users.tax_code` when the
 * column exists (read through to_jsonb so this query runs on either schema).
 */
export async function listMinutesCandidates(sequelize: Sequelize, bodyId: string, caseId: string): Promise<MinutesCandidate[]> {
  const parties = await sequelize.query<{ position: number; party: SubjectJson; lawyer: SubjectJson | null; adhesion_lawyer: { firstName?: string; lastName?: string; taxCode?: string; pec?: string } | null }>(
    `SELECT cp.position, to_jsonb(s) AS party, to_jsonb(l) AS lawyer, ai.answer_details->'lawyer' AS adhesion_lawyer
       FROM case_parties cp
       JOIN subjects s ON s.id = cp.subject_id AND s.body_id = cp.body_id
       LEFT JOIN subjects l ON l.id = cp.lawyer_subject_id AND l.body_id = cp.body_id
       LEFT JOIN adhesion_invitations ai ON ai.body_id = cp.body_id AND ai.case_id = cp.case_id AND ai.party_position = cp.position AND ai.answer = 'adhered'
      WHERE cp.body_id = :bodyId AND cp.case_id = :caseId ORDER BY cp.position`,
    { type: QueryTypes.SELECT, replacements: { bodyId, caseId } },
  );
  const out: MinutesCandidate[] = [];
  for (const p of parties) {
    out.push(fromSubject(`party-${p.position}`, 'party', p.party));
    if (p.lawyer) out.push(fromSubject(`lawyer-${p.position}`, 'lawyer', p.lawyer));
    else if (p.adhesion_lawyer && typeof p.adhesion_lawyer === 'object') {
      const l = p.adhesion_lawyer;
      out.push({ key: `lawyer-${p.position}`, role: 'lawyer', givenName: l.firstName ?? null, surname: l.lastName ?? null, taxCode: l.taxCode ?? null, email: l.pec ?? null, phone: null });
    }
  }
  const [mediator] = await sequelize.query<{ full_name: string; email: string; tax_code: string | null }>(
    `SELECT u.full_name, u.email, to_jsonb(u)->>'tax_code' AS tax_code
       FROM cases c JOIN designations d ON d.case_id = c.id AND d.body_id = c.body_id AND d.mediator_id = c.mediator_id AND d.outcome = 'accepted'
       JOIN users u ON u.id = d.mediator_id
      WHERE c.body_id = :bodyId AND c.id = :caseId ORDER BY d.seq DESC LIMIT 1`,
    { type: QueryTypes.SELECT, replacements: { bodyId, caseId } },
  );
  if (mediator) out.push({ key: 'mediator', role: 'mediator', ...splitName(mediator.full_name), taxCode: mediator.tax_code, email: mediator.email, phone: null });
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
