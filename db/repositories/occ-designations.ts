/** Crisis managers of a body as designation candidates, and their designations (the `designations` table, shared with mediation). */
import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { CrisisManagerCandidate } from '../../domain/occ/designation';
import { finalStages } from '../../domain/occ/stages';
import { appendAudit } from './audit';

export async function crisisManagerCandidates(sequelize: Sequelize, bodyId: string): Promise<CrisisManagerCandidate[]> {
  const rows = await sequelize.query<{ id: string; available: boolean; active: number; last: Date | null }>(
    `SELECT m.user_id AS id, COALESCE(p.available, true) AND NOT u.disabled AS available,
        (SELECT count(*)::int FROM occ_files o JOIN cases c ON c.id = o.case_id WHERE o.body_id = m.body_id AND o.crisis_manager_id = m.user_id AND c.stage NOT IN (:final)) AS active,
        (SELECT max(d.designated_at) FROM designations d WHERE d.body_id = m.body_id AND d.mediator_id = m.user_id) AS last
     FROM memberships m JOIN users u ON u.id = m.user_id
     LEFT JOIN mediator_profiles p ON p.body_id = m.body_id AND p.user_id = m.user_id
     WHERE m.body_id = :bodyId AND m.role = 'crisis_manager' ORDER BY m.user_id`,
    { type: QueryTypes.SELECT, replacements: { bodyId, final: [...finalStages] } },
  );
  return rows.map((r) => ({ id: r.id, available: r.available, activeFiles: r.active, lastAssignedAt: r.last ? new Date(r.last).toISOString() : null }));
}

export async function designationCriterionOf(sequelize: Sequelize, bodyId: string): Promise<'rotation' | 'availability'> {
  const [row] = await sequelize.query<{ designation_criterion: 'rotation' | 'availability' }>('SELECT designation_criterion FROM body_settings WHERE body_id = :bodyId', {
    type: QueryTypes.SELECT,
    replacements: { bodyId },
  });
  return row?.designation_criterion ?? 'rotation';
}

export interface StoredManagerDesignation {
  id: string;
  crisisManagerId: string;
  criterion: 'rotation' | 'availability' | 'manual';
  reason: { it: string; en: string };
}

export async function findManagerDesignation(sequelize: Sequelize, caseId: string, seq: number): Promise<StoredManagerDesignation | null> {
  const [row] = await sequelize.query<{ id: string; mediator_id: string; criterion: StoredManagerDesignation['criterion']; reason: StoredManagerDesignation['reason'] }>(
    'SELECT id, mediator_id, criterion, reason FROM designations WHERE case_id = :caseId AND seq = :seq',
    { type: QueryTypes.SELECT, replacements: { caseId, seq } },
  );
  return row ? { id: row.id, crisisManagerId: row.mediator_id, criterion: row.criterion, reason: row.reason } : null;
}

/** Records designation `seq` once, points the case at the crisis manager, stage GESTORE_DESIGNATO, audit — one transaction. */
export async function recordManagerDesignation(
  sequelize: Sequelize,
  d: { bodyId: string; caseId: string; workflowId: string; seq: number; crisisManagerId: string; criterion: string; reason: { it: string; en: string }; chosenBy: string | null; designatedAt: Date; answerDueAt: Date },
): Promise<string> {
  return sequelize.transaction(async (transaction) => {
    const [existing] = await sequelize.query<{ id: string }>('SELECT id FROM designations WHERE case_id = :caseId AND seq = :seq', { type: QueryTypes.SELECT, transaction, replacements: d });
    if (existing) return existing.id;
    const id = randomUUID();
    await sequelize.query(
      `INSERT INTO designations (id, body_id, case_id, seq, mediator_id, criterion, reason, chosen_by, designated_at, answer_due_at)
       VALUES (:id, :bodyId, :caseId, :seq, :crisisManagerId, :criterion, :reason, :chosenBy, :designatedAt, :answerDueAt)`,
      { transaction, replacements: { ...d, id, reason: JSON.stringify(d.reason) } },
    );
    await sequelize.query("UPDATE cases SET mediator_id = :crisisManagerId, stage = 'GESTORE_DESIGNATO', updated_at = now() WHERE id = :caseId AND body_id = :bodyId", { transaction, replacements: d });
    await sequelize.query('UPDATE occ_files SET crisis_manager_id = :crisisManagerId, updated_at = now() WHERE case_id = :caseId AND body_id = :bodyId', { transaction, replacements: d });
    await appendAudit(
      { bodyId: d.bodyId, userId: d.chosenBy, action: 'occ.crisis_manager_designated', entityType: 'case', entityId: d.caseId, workflowId: d.workflowId, details: { designationId: id, crisisManagerId: d.crisisManagerId, criterion: d.criterion, seq: d.seq } },
      transaction,
    );
    return id;
  });
}

/** The crisis manager's answer, once; a refusal unassigns the file. */
export async function recordManagerAnswer(
  sequelize: Sequelize,
  a: { bodyId: string; caseId: string; workflowId: string; designationId: string; accept: boolean; by: string; at: Date; declaration: { text: string; version: string } | null; refusalReason: string | null },
): Promise<void> {
  await sequelize.transaction(async (transaction) => {
    const [, meta] = await sequelize.query(
      `UPDATE designations SET outcome = :outcome, answered_at = :at, declaration = :declaration, refusal_reason = :refusalReason
       WHERE id = :designationId AND body_id = :bodyId AND outcome = 'pending'`,
      {
        transaction,
        replacements: { ...a, outcome: a.accept ? 'accepted' : 'refused', declaration: a.declaration ? JSON.stringify({ ...a.declaration, acceptedBy: a.by, acceptedAt: a.at.toISOString() }) : null },
      },
    );
    if ((meta as { rowCount?: number }).rowCount !== 1) return;
    const stage = a.accept ? 'INCARICO_ACCETTATO' : 'PREVENTIVO_ACCETTATO';
    await sequelize.query(`UPDATE cases SET stage = :stage ${a.accept ? '' : ', mediator_id = NULL'}, updated_at = now() WHERE id = :caseId AND body_id = :bodyId`, { transaction, replacements: { ...a, stage } });
    if (!a.accept) await sequelize.query('UPDATE occ_files SET crisis_manager_id = NULL, updated_at = now() WHERE case_id = :caseId AND body_id = :bodyId', { transaction, replacements: a });
    await appendAudit(
      { bodyId: a.bodyId, userId: a.by, action: a.accept ? 'occ.appointment_accepted' : 'occ.appointment_refused', entityType: 'case', entityId: a.caseId, workflowId: a.workflowId, details: { designationId: a.designationId } },
      transaction,
    );
  });
}

/** Users to remind of a file's deadlines: the body's secretariat and referenti, and the file's crisis manager. */
export async function occDeadlineRecipients(sequelize: Sequelize, bodyId: string, crisisManagerId: string | null): Promise<{ id: string; email: string; fullName: string }[]> {
  return sequelize.query<{ id: string; email: string; fullName: string }>(
    `SELECT DISTINCT u.id, u.email, u.full_name AS "fullName" FROM users u JOIN memberships m ON m.user_id = u.id
     WHERE m.body_id = :bodyId AND NOT u.disabled AND (m.role IN ('secretariat', 'manager') OR (m.role = 'crisis_manager' AND u.id = :manager))
     ORDER BY u.id`,
    { type: QueryTypes.SELECT, replacements: { bodyId, manager: crisisManagerId } },
  );
}
