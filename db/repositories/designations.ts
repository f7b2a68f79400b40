import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { MediatorCandidate } from '../../domain/mediation/designation';
import type { MediatorView } from '../../domain/views/case';
import { appendAudit } from './audit';

const CLOSED_STAGES = ['CONCLUSA', 'ARCHIVIATA', 'POST_CHIUSURA'];

/** The body's mediators with what designation needs: competences, availability, workload, last designation. */
export async function mediatorCandidates(sequelize: Sequelize, bodyId: string): Promise<MediatorCandidate[]> {
  const rows = await sequelize.query<{ id: string; competences: string[]; available: boolean; active_cases: number; last_assigned_at: Date | null }>(
    `SELECT p.user_id AS id, p.competences, p.available AND NOT u.disabled AS available,
            (SELECT count(*)::int FROM cases c WHERE c.body_id = p.body_id AND c.mediator_id = p.user_id AND c.stage NOT IN (:closed)) AS active_cases,
            (SELECT max(d.designated_at) FROM designations d WHERE d.body_id = p.body_id AND d.mediator_id = p.user_id) AS last_assigned_at
     FROM mediator_profiles p JOIN users u ON u.id = p.user_id
     JOIN memberships m ON m.user_id = p.user_id AND m.body_id = p.body_id AND m.role = 'mediator'
     WHERE p.body_id = :bodyId ORDER BY p.user_id`,
    { type: QueryTypes.SELECT, replacements: { bodyId, closed: CLOSED_STAGES } },
  );
  return rows.map((r) => ({
    id: r.id,
    competences: r.competences,
    available: r.available,
    activeCases: r.active_cases,
    lastAssignedAt: r.last_assigned_at ? new Date(r.last_assigned_at).toISOString() : null,
  }));
}

export interface StoredDesignation {
  id: string;
  mediatorId: string;
  criterion: 'rotation' | 'availability' | 'manual';
  reason: { it: string; en: string };
}

export async function findDesignation(sequelize: Sequelize, caseId: string, seq: number): Promise<StoredDesignation | null> {
  const [row] = await sequelize.query<{ id: string; mediator_id: string; criterion: StoredDesignation['criterion']; reason: StoredDesignation['reason'] }>(
    'SELECT id, mediator_id, criterion, reason FROM designations WHERE case_id = :caseId AND seq = :seq',
    { type: QueryTypes.SELECT, replacements: { caseId, seq } },
  );
  return row ? { id: row.id, mediatorId: row.mediator_id, criterion: row.criterion, reason: row.reason } : null;
}

/** Registry ids of the case's parties and lawyers, for the incompatibility check. */
export async function partySubjectIds(sequelize: Sequelize, bodyId: string, caseId: string): Promise<string[]> {
  const rows = await sequelize.query<{ id: string }>(
    `SELECT subject_id AS id FROM case_parties WHERE body_id = :bodyId AND case_id = :caseId
     UNION SELECT lawyer_subject_id FROM case_parties WHERE body_id = :bodyId AND case_id = :caseId AND lawyer_subject_id IS NOT NULL`,
    { type: QueryTypes.SELECT, replacements: { bodyId, caseId } },
  );
  return rows.map((r) => r.id);
}

export interface DesignationRecord {
  bodyId: string;
  caseId: string;
  workflowId: string;
  seq: number;
  mediatorId: string;
  criterion: 'rotation' | 'availability' | 'manual';
  reason: { it: string; en: string };
  chosenBy: string | null;
  designatedAt: Date;
  answerDueAt: Date;
}

/**
 * Records the designation number `seq` of a case (idempotent: a retry finds it), points the case at
 * the mediator and moves it to MEDIATORE_DESIGNATO, with the audit row, in one transaction.
 */
export async function recordDesignation(sequelize: Sequelize, d: DesignationRecord): Promise<string> {
  return sequelize.transaction(async (transaction) => {
    const [existing] = await sequelize.query<{ id: string }>('SELECT id FROM designations WHERE case_id = :caseId AND seq = :seq', {
      type: QueryTypes.SELECT,
      transaction,
      replacements: { caseId: d.caseId, seq: d.seq },
    });
    if (existing) return existing.id;
    const id = randomUUID();
    await sequelize.query(
      `INSERT INTO designations (id, body_id, case_id, seq, mediator_id, criterion, reason, chosen_by, designated_at, answer_due_at)
       VALUES (:id, :bodyId, :caseId, :seq, :mediatorId, :criterion, :reason, :chosenBy, :designatedAt, :answerDueAt)`,
      { transaction, replacements: { ...d, id, reason: JSON.stringify(d.reason) } },
    );
    await sequelize.query(
      "UPDATE cases SET mediator_id = :mediatorId, stage = 'MEDIATORE_DESIGNATO', next_deadline = :answerDueAt, updated_at = now() WHERE id = :caseId AND body_id = :bodyId",
      { transaction, replacements: { ...d } },
    );
    await appendAudit(
      { bodyId: d.bodyId, userId: d.chosenBy, action: 'case.mediator_designated', entityType: 'case', entityId: d.caseId, workflowId: d.workflowId, details: { designationId: id, mediatorId: d.mediatorId, criterion: d.criterion, seq: d.seq } },
      transaction,
    );
    return id;
  });
}

export interface DesignationAnswer {
  bodyId: string;
  caseId: string;
  workflowId: string;
  designationId: string;
  outcome: 'accepted' | 'refused' | 'expired' | 'cancelled';
  by: string | null;
  at: Date;
  declaration?: { text: string; version: string } | null;
  refusalReason?: string | null;
}

/** Records the mediator's answer (or the expiry of the term) once; the case follows in the same transaction. */
export async function recordDesignationAnswer(sequelize: Sequelize, a: DesignationAnswer): Promise<void> {
  await sequelize.transaction(async (transaction) => {
    const [, result] = await sequelize.query(
      `UPDATE designations SET outcome = :outcome, answered_at = :at, declaration = :declaration, refusal_reason = :refusalReason
       WHERE id = :designationId AND body_id = :bodyId AND outcome = 'pending'`,
      { transaction, replacements: { ...a, declaration: a.declaration ? JSON.stringify({ ...a.declaration, acceptedBy: a.by, acceptedAt: a.at.toISOString() }) : null, refusalReason: a.refusalReason ?? null } },
    );
    if ((result as { rowCount?: number }).rowCount !== 1) return; // already recorded by an earlier attempt
    if (a.outcome === 'cancelled') {
      // The procedure is being archived (withdrawal): the stage is recorded by the withdrawal itself.
      await sequelize.query('UPDATE cases SET mediator_id = NULL, next_deadline = NULL, updated_at = now() WHERE id = :caseId AND body_id = :bodyId', { transaction, replacements: { ...a } });
    } else if (a.outcome === 'accepted') {
      await sequelize.query("UPDATE cases SET next_deadline = NULL, updated_at = now() WHERE id = :caseId AND body_id = :bodyId", { transaction, replacements: { ...a } });
    } else {
      await sequelize.query("UPDATE cases SET mediator_id = NULL, stage = 'ISCRITTA', next_deadline = NULL, updated_at = now() WHERE id = :caseId AND body_id = :bodyId", {
        transaction,
        replacements: { ...a },
      });
    }
    await appendAudit(
      { bodyId: a.bodyId, userId: a.by, action: `case.designation_${a.outcome}`, entityType: 'case', entityId: a.caseId, workflowId: a.workflowId, details: { designationId: a.designationId } },
      transaction,
    );
  });
}

export async function designationCriterionOf(sequelize: Sequelize, bodyId: string): Promise<'rotation' | 'availability'> {
  const [row] = await sequelize.query<{ designation_criterion: 'rotation' | 'availability' }>(
    'SELECT designation_criterion FROM body_settings WHERE body_id = :bodyId',
    { type: QueryTypes.SELECT, replacements: { bodyId } },
  );
  return row?.designation_criterion ?? 'rotation';
}

export async function deadlinePolicyOf(sequelize: Sequelize, bodyId: string): Promise<unknown> {
  const [row] = await sequelize.query<{ deadline_policy: unknown }>('SELECT deadline_policy FROM body_settings WHERE body_id = :bodyId', {
    type: QueryTypes.SELECT,
    replacements: { bodyId },
  });
  return row?.deadline_policy ?? {};
}

/** The body's mediators as the secretariat sees them when designating by hand. */
export async function listMediators(sequelize: Sequelize, bodyId: string): Promise<MediatorView[]> {
  return sequelize.query<MediatorView>(
    `SELECT p.user_id AS id, u.full_name AS "fullName", p.competences, (p.available AND NOT u.disabled) AS available
     FROM mediator_profiles p JOIN users u ON u.id = p.user_id
     WHERE p.body_id = :bodyId ORDER BY u.full_name`,
    { type: QueryTypes.SELECT, replacements: { bodyId } },
  );
}
