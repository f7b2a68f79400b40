import { randomUUID } from 'node:crypto';
import type { Sequelize, Transaction } from 'sequelize';
import type { OccAssetKind, OccAssetView, OccPlanView } from '../../domain/views/occ-economics';
import { appendAudit } from './audit';
import { select } from './protocol/sql';

/** Assets (`occ_assets`) and the plan (`occ_plans`, one per file) of an OCC file; every statement names the body. */

export interface AssetInput {
  kind: OccAssetKind;
  description: string;
  estimatedCents: number | null;
  realisedCents: number | null;
}

interface AssetRow {
  id: string;
  kind: OccAssetKind;
  description: string;
  estimated_cents: string | null;
  realised_cents: string | null;
}
const n = (v: string | null) => (v === null ? null : Number(v));
const toAsset = (r: AssetRow): OccAssetView => ({ id: r.id, kind: r.kind, description: r.description, estimatedCents: n(r.estimated_cents), realisedCents: n(r.realised_cents) });

export async function listOccAssets(sequelize: Sequelize, bodyId: string, caseId: string, transaction?: Transaction): Promise<OccAssetView[]> {
  const rows = await select<AssetRow>(
    sequelize,
    `SELECT id, kind, description, estimated_cents, realised_cents FROM occ_assets
      WHERE body_id = :bodyId AND case_id = :caseId AND deleted_at IS NULL ORDER BY created_at, id`,
    { bodyId, caseId },
    transaction,
  );
  return rows.map(toAsset);
}

interface WriteContext {
  bodyId: string;
  caseId: string;
  by: string | null;
  requestId?: string | null;
}

export async function insertOccAsset(sequelize: Sequelize, ctx: WriteContext & { asset: AssetInput }): Promise<OccAssetView> {
  return sequelize.transaction(async (transaction) => {
    const [row] = await select<AssetRow>(
      sequelize,
      `INSERT INTO occ_assets (id, body_id, case_id, kind, description, estimated_cents, realised_cents)
       VALUES (:id, :bodyId, :caseId, :kind, :description, :estimatedCents, :realisedCents)
       RETURNING id, kind, description, estimated_cents, realised_cents`,
      { id: randomUUID(), bodyId: ctx.bodyId, caseId: ctx.caseId, ...ctx.asset },
      transaction,
    );
    await appendAudit({ bodyId: ctx.bodyId, userId: ctx.by, action: 'occ.asset_created', entityType: 'occ_asset', entityId: row!.id, requestId: ctx.requestId ?? null, details: { caseId: ctx.caseId } }, transaction);
    return toAsset(row!);
  });
}

export async function updateOccAsset(sequelize: Sequelize, ctx: WriteContext & { assetId: string; asset: AssetInput }): Promise<OccAssetView | null> {
  return sequelize.transaction(async (transaction) => {
    const [row] = await select<AssetRow>(
      sequelize,
      `UPDATE occ_assets SET kind = :kind, description = :description, estimated_cents = :estimatedCents, realised_cents = :realisedCents, updated_at = now()
        WHERE body_id = :bodyId AND case_id = :caseId AND id = :assetId AND deleted_at IS NULL
        RETURNING id, kind, description, estimated_cents, realised_cents`,
      { bodyId: ctx.bodyId, caseId: ctx.caseId, assetId: ctx.assetId, ...ctx.asset },
      transaction,
    );
    if (!row) return null;
    await appendAudit({ bodyId: ctx.bodyId, userId: ctx.by, action: 'occ.asset_updated', entityType: 'occ_asset', entityId: row.id, requestId: ctx.requestId ?? null, details: { caseId: ctx.caseId } }, transaction);
    return toAsset(row);
  });
}

export async function deleteOccAsset(sequelize: Sequelize, ctx: WriteContext & { assetId: string }): Promise<boolean> {
  return sequelize.transaction(async (transaction) => {
    const rows = await select<{ id: string }>(
      sequelize,
      'UPDATE occ_assets SET deleted_at = now() WHERE body_id = :bodyId AND case_id = :caseId AND id = :assetId AND deleted_at IS NULL RETURNING id',
      { bodyId: ctx.bodyId, caseId: ctx.caseId, assetId: ctx.assetId },
      transaction,
    );
    if (rows.length === 0) return false;
    await appendAudit({ bodyId: ctx.bodyId, userId: ctx.by, action: 'occ.asset_deleted', entityType: 'occ_asset', entityId: ctx.assetId, requestId: ctx.requestId ?? null, details: { caseId: ctx.caseId } }, transaction);
    return true;
  });
}

export type PlanInput = Omit<OccPlanView, 'updatedAt'>;

interface PlanRow {
  with_liquidation: boolean;
  attivo_cents: string | null;
  amount_to_creditors_cents: string | null;
  satisfaction_bp: number | null;
  duration_months: number | null;
  schedule: { month: number; amountCents: number }[];
  reduction_bp: number | null;
  general_expenses_bp: number | null;
  substitute_professional: boolean;
  updated_at: Date;
}

export const emptyPlan: OccPlanView = {
  withLiquidation: false, attivoCents: null, amountToCreditorsCents: null, satisfactionBp: null, durationMonths: null,
  schedule: [], reductionBp: null, generalExpensesBp: null, substituteProfessional: false, updatedAt: null,
};

const toPlan = (r: PlanRow): OccPlanView => ({
  withLiquidation: r.with_liquidation,
  attivoCents: n(r.attivo_cents),
  amountToCreditorsCents: n(r.amount_to_creditors_cents),
  satisfactionBp: r.satisfaction_bp,
  durationMonths: r.duration_months,
  schedule: r.schedule,
  reductionBp: r.reduction_bp,
  generalExpensesBp: r.general_expenses_bp,
  substituteProfessional: r.substitute_professional,
  updatedAt: new Date(r.updated_at).toISOString(),
});

/** The file's plan, or the empty plan when none was entered yet. */
export async function getOccPlan(sequelize: Sequelize, bodyId: string, caseId: string, transaction?: Transaction): Promise<OccPlanView> {
  const [row] = await select<PlanRow>(
    sequelize,
    `SELECT with_liquidation, attivo_cents, amount_to_creditors_cents, satisfaction_bp, duration_months, schedule, reduction_bp,
            general_expenses_bp, substitute_professional, updated_at
       FROM occ_plans WHERE body_id = :bodyId AND case_id = :caseId`,
    { bodyId, caseId },
    transaction,
  );
  return row ? toPlan(row) : emptyPlan;
}

export async function saveOccPlan(sequelize: Sequelize, ctx: WriteContext & { plan: PlanInput }): Promise<OccPlanView> {
  return sequelize.transaction(async (transaction) => {
    const p = ctx.plan;
    const [row] = await select<PlanRow>(
      sequelize,
      `INSERT INTO occ_plans (case_id, body_id, with_liquidation, attivo_cents, amount_to_creditors_cents, satisfaction_bp, duration_months,
                              schedule, reduction_bp, general_expenses_bp, substitute_professional, updated_by, updated_at)
       VALUES (:caseId, :bodyId, :withLiquidation, :attivoCents, :amountToCreditorsCents, :satisfactionBp, :durationMonths,
               CAST(:schedule AS jsonb), :reductionBp, :generalExpensesBp, :substituteProfessional, :by, now())
       ON CONFLICT (case_id) DO UPDATE SET with_liquidation = EXCLUDED.with_liquidation, attivo_cents = EXCLUDED.attivo_cents,
         amount_to_creditors_cents = EXCLUDED.amount_to_creditors_cents, satisfaction_bp = EXCLUDED.satisfaction_bp,
         duration_months = EXCLUDED.duration_months, schedule = EXCLUDED.schedule, reduction_bp = EXCLUDED.reduction_bp,
         general_expenses_bp = EXCLUDED.general_expenses_bp, substitute_professional = EXCLUDED.substitute_professional,
         updated_by = EXCLUDED.updated_by, updated_at = now()
       WHERE occ_plans.body_id = EXCLUDED.body_id
       RETURNING with_liquidation, attivo_cents, amount_to_creditors_cents, satisfaction_bp, duration_months, schedule, reduction_bp,
                 general_expenses_bp, substitute_professional, updated_at`,
      { ...p, schedule: JSON.stringify(p.schedule), bodyId: ctx.bodyId, caseId: ctx.caseId, by: ctx.by },
      transaction,
    );
    await appendAudit({ bodyId: ctx.bodyId, userId: ctx.by, action: 'occ.plan_saved', entityType: 'case', entityId: ctx.caseId, requestId: ctx.requestId ?? null, details: {} }, transaction);
    return toPlan(row!);
  });
}
