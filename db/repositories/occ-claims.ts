import { randomUUID } from 'node:crypto';
import type { Sequelize, Transaction } from 'sequelize';
import { admittedToVoteCents, claimTotalCents, type Claim } from '../../domain/occ/claims';
import type { OccClaimView } from '../../domain/views/occ-economics';
import { appendAudit } from './audit';
import { execute, select } from './protocol/sql';

/** Claims of an OCC file (`occ_claims`); raw SQL, every statement names the body (tenant guard). */
interface Row {
  id: string;
  position: number;
  creditor_name: string;
  tax_id: string | null;
  pec: string | null;
  title: string | null;
  capital_cents: string;
  interest_cents: string;
  costs_cents: string;
  rank: Claim['rank'];
  incapiente_cents: string;
  class_code: string | null;
  proposed_treatment_bp: number | null;
  proposed_schedule: string | null;
  admitted_to_vote_override_cents: string | null;
  waived_prelazione: boolean;
  observations: string | null;
  liquidation_status: Claim['liquidationStatus'];
  liquidation_admitted_cents: string | null;
  filed_by_pec: boolean;
  updated_at: Date;
}

const num = (v: string | null) => (v === null ? null : Number(v));

function toView(r: Row): OccClaimView {
  const claim = {
    capitalCents: Number(r.capital_cents),
    interestCents: Number(r.interest_cents),
    costsCents: Number(r.costs_cents),
    rank: r.rank,
    incapienteCents: Number(r.incapiente_cents),
    proposedTreatmentBp: r.proposed_treatment_bp,
    admittedToVoteOverrideCents: num(r.admitted_to_vote_override_cents),
    waivedPrelazione: r.waived_prelazione,
    classCode: r.class_code,
  };
  return {
    id: r.id,
    position: r.position,
    creditorName: r.creditor_name,
    taxId: r.tax_id,
    pec: r.pec,
    title: r.title,
    ...claim,
    totalCents: claimTotalCents(claim),
    admittedToVoteCents: admittedToVoteCents(claim),
    proposedSchedule: r.proposed_schedule,
    observations: r.observations,
    liquidationStatus: r.liquidation_status,
    liquidationAdmittedCents: num(r.liquidation_admitted_cents),
    filedByPec: r.filed_by_pec,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

const COLUMNS = `id, position, creditor_name, tax_id, pec, title, capital_cents, interest_cents, costs_cents, rank, incapiente_cents,
  class_code, proposed_treatment_bp, proposed_schedule, admitted_to_vote_override_cents, waived_prelazione, observations,
  liquidation_status, liquidation_admitted_cents, filed_by_pec, updated_at`;

const values = (c: Claim) => ({
  creditorName: c.creditorName,
  taxId: c.taxId,
  pec: c.pec,
  title: c.title,
  capitalCents: c.capitalCents,
  interestCents: c.interestCents,
  costsCents: c.costsCents,
  rank: c.rank,
  incapienteCents: c.incapienteCents,
  classCode: c.classCode,
  proposedTreatmentBp: c.proposedTreatmentBp,
  proposedSchedule: c.proposedSchedule,
  admittedOverride: c.admittedToVoteOverrideCents,
  waivedPrelazione: c.waivedPrelazione,
  observations: c.observations,
  liquidationStatus: c.liquidationStatus,
  liquidationAdmittedCents: c.liquidationAdmittedCents,
  filedByPec: c.filedByPec,
});

export async function listOccClaims(sequelize: Sequelize, bodyId: string, caseId: string, transaction?: Transaction): Promise<OccClaimView[]> {
  const rows = await select<Row>(
    sequelize,
    `SELECT ${COLUMNS} FROM occ_claims WHERE body_id = :bodyId AND case_id = :caseId AND deleted_at IS NULL ORDER BY position, id`,
    { bodyId, caseId },
    transaction,
  );
  return rows.map(toView);
}

export async function getOccClaim(sequelize: Sequelize, bodyId: string, caseId: string, claimId: string, transaction?: Transaction): Promise<OccClaimView | null> {
  const rows = await select<Row>(
    sequelize,
    `SELECT ${COLUMNS} FROM occ_claims WHERE body_id = :bodyId AND case_id = :caseId AND id = :claimId AND deleted_at IS NULL`,
    { bodyId, caseId, claimId },
    transaction,
  );
  return rows[0] ? toView(rows[0]) : null;
}

export interface ClaimWriteContext {
  bodyId: string;
  caseId: string;
  by: string | null;
  requestId?: string | null;
}

/** Adds claims at the end of the list, with one audit row, in one transaction; returns their ids. */
export async function insertOccClaims(sequelize: Sequelize, ctx: ClaimWriteContext & { claims: Claim[]; source: 'form' | 'import' }): Promise<string[]> {
  return sequelize.transaction(async (transaction) => {
    const [last] = await select<{ max: number | null }>(
      sequelize,
      'SELECT max(position) AS max FROM occ_claims WHERE body_id = :bodyId AND case_id = :caseId',
      { bodyId: ctx.bodyId, caseId: ctx.caseId },
      transaction,
    );
    let position = (last?.max ?? 0) + 1;
    const ids: string[] = [];
    for (const claim of ctx.claims) {
      const id = randomUUID();
      await execute(
        sequelize,
        `INSERT INTO occ_claims (id, body_id, case_id, position, creditor_name, tax_id, pec, title, capital_cents, interest_cents, costs_cents,
           rank, incapiente_cents, class_code, proposed_treatment_bp, proposed_schedule, admitted_to_vote_override_cents, waived_prelazione,
           observations, liquidation_status, liquidation_admitted_cents, filed_by_pec, created_by)
         VALUES (:id, :bodyId, :caseId, :position, :creditorName, :taxId, :pec, :title, :capitalCents, :interestCents, :costsCents,
           :rank, :incapienteCents, :classCode, :proposedTreatmentBp, :proposedSchedule, :admittedOverride, :waivedPrelazione,
           :observations, :liquidationStatus, :liquidationAdmittedCents, :filedByPec, :by)`,
        { id, bodyId: ctx.bodyId, caseId: ctx.caseId, position: position++, by: ctx.by, ...values(claim) },
        transaction,
      );
      ids.push(id);
    }
    await appendAudit(
      {
        bodyId: ctx.bodyId,
        userId: ctx.by,
        action: ctx.source === 'import' ? 'occ.claims_imported' : 'occ.claim_created',
        entityType: 'case',
        entityId: ctx.caseId,
        requestId: ctx.requestId ?? null,
        details: { claimIds: ids, count: ids.length },
      },
      transaction,
    );
    return ids;
  });
}

/** Replaces a claim's data; false when the claim is not in the file. */
export async function updateOccClaim(sequelize: Sequelize, ctx: ClaimWriteContext & { claimId: string; claim: Claim }): Promise<boolean> {
  return sequelize.transaction(async (transaction) => {
    const rows = await select<{ id: string }>(
      sequelize,
      `UPDATE occ_claims SET creditor_name = :creditorName, tax_id = :taxId, pec = :pec, title = :title, capital_cents = :capitalCents,
         interest_cents = :interestCents, costs_cents = :costsCents, rank = :rank, incapiente_cents = :incapienteCents, class_code = :classCode,
         proposed_treatment_bp = :proposedTreatmentBp, proposed_schedule = :proposedSchedule, admitted_to_vote_override_cents = :admittedOverride,
         waived_prelazione = :waivedPrelazione, observations = :observations, liquidation_status = :liquidationStatus,
         liquidation_admitted_cents = :liquidationAdmittedCents, filed_by_pec = :filedByPec, updated_at = now()
       WHERE body_id = :bodyId AND case_id = :caseId AND id = :claimId AND deleted_at IS NULL RETURNING id`,
      { bodyId: ctx.bodyId, caseId: ctx.caseId, claimId: ctx.claimId, ...values(ctx.claim) },
      transaction,
    );
    if (rows.length === 0) return false;
    await appendAudit(
      { bodyId: ctx.bodyId, userId: ctx.by, action: 'occ.claim_updated', entityType: 'occ_claim', entityId: ctx.claimId, requestId: ctx.requestId ?? null, details: { caseId: ctx.caseId } },
      transaction,
    );
    return true;
  });
}

/** Removes a claim from the list (kept in the table: votes may refer to it); false when not found. */
export async function deleteOccClaim(sequelize: Sequelize, ctx: ClaimWriteContext & { claimId: string }): Promise<boolean> {
  return sequelize.transaction(async (transaction) => {
    const rows = await select<{ id: string }>(
      sequelize,
      'UPDATE occ_claims SET deleted_at = now() WHERE body_id = :bodyId AND case_id = :caseId AND id = :claimId AND deleted_at IS NULL RETURNING id',
      { bodyId: ctx.bodyId, caseId: ctx.caseId, claimId: ctx.claimId },
      transaction,
    );
    if (rows.length === 0) return false;
    await appendAudit(
      { bodyId: ctx.bodyId, userId: ctx.by, action: 'occ.claim_deleted', entityType: 'occ_claim', entityId: ctx.claimId, requestId: ctx.requestId ?? null, details: { caseId: ctx.caseId } },
      transaction,
    );
    return true;
  });
}
