/**
 * The OCC file's records: registration (the `cases` row of kind 'occ' with its number, the debtor in
 * the registry, the `occ_files` row), each step of the process (stage, fields, an `occ_events` row)
 * with its audit row in one transaction, and the reads of the API. Every write is idempotent.
 */
import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';
import { formatCaseNumber } from '../../domain/mediation/case-number';
import type { OccFileInput } from '../../domain/occ/file';
import { appendAudit } from './audit';
import { upsertSubject } from './subjects';

export interface OccRegistration {
  caseNumber: string;
  year: number;
  number: number;
}

/** Enters the file in the body's OCC register (numbering per body, kind 'occ' and year, gapless). */
export async function registerOccFile(
  sequelize: Sequelize,
  input: { caseId: string; bodyId: string; workflowId: string; year: number; filedAt: Date; filedBy: string; file: OccFileInput },
): Promise<OccRegistration> {
  return sequelize.transaction(async (transaction) => {
    const [existing] = await sequelize.query<{ case_number: string; year: number; number: number }>(
      'SELECT case_number, year, number FROM cases WHERE body_id = :bodyId AND id = :caseId',
      { type: QueryTypes.SELECT, transaction, replacements: input },
    );
    if (existing) return { caseNumber: existing.case_number, year: existing.year, number: existing.number };
    const [counter] = await sequelize.query<{ last_number: number }>(
      `INSERT INTO case_counters (body_id, kind, year, last_number) VALUES (:bodyId, 'occ', :year, 1)
       ON CONFLICT (body_id, kind, year) DO UPDATE SET last_number = case_counters.last_number + 1
       RETURNING last_number`,
      { type: QueryTypes.SELECT, transaction, replacements: { bodyId: input.bodyId, year: input.year } },
    );
    const number = counter!.last_number;
    const caseNumber = formatCaseNumber(input.year, number);
    const f = input.file;
    await sequelize.query(
      `INSERT INTO cases (id, body_id, kind, year, number, case_number, workflow_id, subject, stage, filed_by, filed_at)
       VALUES (:caseId, :bodyId, 'occ', :year, :number, :caseNumber, :workflowId, :subject, 'ISTANZA_RICEVUTA', :filedBy, :filedAt)`,
      { transaction, replacements: { ...input, number, caseNumber, subject: f.subject } },
    );
    const debtorId = await upsertSubject(sequelize, input.bodyId, f.debtor, transaction);
    await sequelize.query(
      `INSERT INTO case_parties (id, body_id, case_id, subject_id, role, position) VALUES (:id, :bodyId, :caseId, :debtorId, 'applicant', 0)`,
      { transaction, replacements: { id: randomUUID(), bodyId: input.bodyId, caseId: input.caseId, debtorId } },
    );
    await sequelize.query(
      `INSERT INTO occ_files (case_id, body_id, procedure, debtor_subject_id, debtor_category, household_size, annual_net_income_cents,
         disposable_income_cents, previous_discharges, family_case_id)
       VALUES (:caseId, :bodyId, :procedure, :debtorId, :category, :household, :income, :disposable, :discharges, :familyCaseId)`,
      {
        transaction,
        replacements: {
          caseId: input.caseId, bodyId: input.bodyId, procedure: f.procedure, debtorId, category: f.debtorCategory, household: f.householdSize,
          income: f.annualNetIncomeCents, disposable: f.disposableIncomeCents ?? null, discharges: JSON.stringify(f.previousDischarges), familyCaseId: f.familyCaseId ?? null,
        },
      },
    );
    await appendAudit(
      { bodyId: input.bodyId, userId: input.filedBy, action: 'occ.registered', entityType: 'case', entityId: input.caseId, workflowId: input.workflowId, details: { caseNumber, procedure: f.procedure } },
      transaction,
    );
    return { caseNumber, year: input.year, number };
  });
}

/** Columns of `occ_files` a step may set. */
export interface OccFileChanges {
  procedure?: string;
  convertedFrom?: string;
  crisisManagerId?: string | null;
  voteOpensAt?: string;
  voteClosesAt?: string;
  claimsDays?: number;
  reportDocumentId?: string;
  filedWithCourtOn?: string;
  court?: string;
  dischargedAt?: string | null;
  outcome?: string;
}

const columns: Record<keyof OccFileChanges, string> = {
  procedure: 'procedure',
  convertedFrom: 'converted_from',
  crisisManagerId: 'crisis_manager_id',
  voteOpensAt: 'vote_opens_at',
  voteClosesAt: 'vote_closes_at',
  claimsDays: 'claims_days',
  reportDocumentId: 'report_document_id',
  filedWithCourtOn: 'filed_with_court_on',
  court: 'court',
  dischargedAt: 'discharged_at',
  outcome: 'outcome',
};

export interface OccStep {
  bodyId: string;
  caseId: string;
  workflowId: string;
  /** Unique per file (the workflow's step sequence and action): a retry finds it done. */
  eventKey: string;
  /** The audit action, e.g. `occ.quote_accepted`. */
  action: string;
  by: string | null;
  stage?: string;
  file?: OccFileChanges;
  /** The cases row follows the crisis manager (it scopes `cases.read_own`). */
  caseManagerId?: string | null;
  event: { kind: string; date: string; documentId?: string | null; details?: Record<string, unknown> };
}

/** Writes one step once: the event row, the stage and file fields, the audit row — one transaction. */
export async function recordOccStep(sequelize: Sequelize, step: OccStep): Promise<boolean> {
  return sequelize.transaction(async (transaction) => {
    const [inserted] = await sequelize.query<{ id: string }>(
      `INSERT INTO occ_events (id, body_id, case_id, event_key, kind, event_date, document_id, details, recorded_by)
       VALUES (:id, :bodyId, :caseId, :eventKey, :kind, :date, :documentId, :details, :by)
       ON CONFLICT (case_id, event_key) DO NOTHING RETURNING id`,
      {
        type: QueryTypes.SELECT,
        transaction,
        replacements: {
          id: randomUUID(), bodyId: step.bodyId, caseId: step.caseId, eventKey: step.eventKey, kind: step.event.kind, date: step.event.date,
          documentId: step.event.documentId ?? null, details: JSON.stringify(step.event.details ?? {}), by: step.by,
        },
      },
    );
    if (!inserted) return false; // an earlier attempt wrote it all
    const sets: string[] = [];
    const replacements: Record<string, unknown> = { bodyId: step.bodyId, caseId: step.caseId };
    for (const [k, v] of Object.entries(step.file ?? {})) {
      sets.push(`${columns[k as keyof OccFileChanges]} = :f_${k}`);
      replacements[`f_${k}`] = v;
    }
    if (sets.length) {
      await sequelize.query(`UPDATE occ_files SET ${sets.join(', ')}, updated_at = now() WHERE body_id = :bodyId AND case_id = :caseId`, { transaction, replacements });
    }
    const caseSets = [
      ...(step.stage ? ['stage = :stage'] : []),
      ...(step.caseManagerId !== undefined ? ['mediator_id = :manager'] : []),
    ];
    if (caseSets.length) {
      await sequelize.query(`UPDATE cases SET ${caseSets.join(', ')}, updated_at = now() WHERE body_id = :bodyId AND id = :caseId`, {
        transaction,
        replacements: { ...replacements, stage: step.stage ?? null, manager: step.caseManagerId ?? null },
      });
    }
    await appendAudit(
      {
        bodyId: step.bodyId, userId: step.by, action: step.action, entityType: 'case', entityId: step.caseId, workflowId: step.workflowId,
        details: { eventKey: step.eventKey, kind: step.event.kind, ...(step.stage ? { stage: step.stage } : {}), ...(step.event.documentId ? { documentId: step.event.documentId } : {}) },
      },
      transaction,
    );
    return true;
  });
}

export async function setNextDeadline(sequelize: Sequelize, bodyId: string, caseId: string, dueAt: string | null): Promise<void> {
  await sequelize.query('UPDATE cases SET next_deadline = :dueAt WHERE body_id = :bodyId AND id = :caseId AND kind = \'occ\'', { replacements: { bodyId, caseId, dueAt } });
}

export interface OccFileSummary {
  id: string;
  caseNumber: string;
  year: number;
  number: number;
  subject: string;
  stage: string;
  procedure: string;
  convertedFrom: string | null;
  debtorCategory: string;
  debtorName: string;
  crisisManager: { id: string; fullName: string } | null;
  filedAt: string;
  nextDeadline: string | null;
  workflowId: string;
}

interface Row {
  id: string; case_number: string; year: number; number: number; subject: string; stage: string; procedure: string; converted_from: string | null;
  debtor_category: string; debtor_name: string; manager_id: string | null; manager_name: string | null; filed_at: Date; next_deadline: Date | null; workflow_id: string;
}

const select = `SELECT c.id, c.case_number, c.year, c.number, c.subject, c.stage, o.procedure, o.converted_from, o.debtor_category,
    COALESCE(s.company_name, s.first_name || ' ' || s.last_name) AS debtor_name, u.id AS manager_id, u.full_name AS manager_name,
    c.filed_at, c.next_deadline, c.workflow_id
  FROM cases c JOIN occ_files o ON o.case_id = c.id AND o.body_id = c.body_id
  JOIN subjects s ON s.id = o.debtor_subject_id
  LEFT JOIN users u ON u.id = o.crisis_manager_id`;

const toSummary = (r: Row): OccFileSummary => ({
  id: r.id, caseNumber: r.case_number, year: r.year, number: r.number, subject: r.subject, stage: r.stage, procedure: r.procedure, convertedFrom: r.converted_from,
  debtorCategory: r.debtor_category, debtorName: r.debtor_name, crisisManager: r.manager_id ? { id: r.manager_id, fullName: r.manager_name ?? '' } : null,
  filedAt: new Date(r.filed_at).toISOString(), nextDeadline: r.next_deadline ? new Date(r.next_deadline).toISOString() : null, workflowId: r.workflow_id,
});

export async function listOccFiles(
  sequelize: Sequelize,
  bodyId: string,
  q: { procedure?: string | undefined; stage?: string | undefined; crisisManagerId?: string | undefined; year?: number | undefined; number?: number | undefined; limit: number; offset: number },
): Promise<{ items: OccFileSummary[]; total: number }> {
  const where = ['c.body_id = :bodyId', "c.kind = 'occ'"];
  if (q.procedure) where.push('o.procedure = :procedure');
  if (q.stage) where.push('c.stage = :stage');
  if (q.crisisManagerId) where.push('o.crisis_manager_id = :crisisManagerId');
  if (q.year) where.push('c.year = :year');
  if (q.number) where.push('c.number = :number');
  const replacements = { bodyId, ...q };
  const rows = await sequelize.query<Row>(`${select} WHERE ${where.join(' AND ')} ORDER BY c.filed_at DESC, c.number DESC LIMIT :limit OFFSET :offset`, { type: QueryTypes.SELECT, replacements });
  const [count] = await sequelize.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases c JOIN occ_files o ON o.case_id = c.id WHERE ${where.join(' AND ')}`, { type: QueryTypes.SELECT, replacements });
  return { items: rows.map(toSummary), total: count?.n ?? 0 };
}

export async function getOccFile(sequelize: Sequelize, bodyId: string, caseId: string): Promise<OccFileSummary | null> {
  const [row] = await sequelize.query<Row>(`${select} WHERE c.body_id = :bodyId AND c.id = :caseId AND c.kind = 'occ'`, { type: QueryTypes.SELECT, replacements: { bodyId, caseId } });
  return row ? toSummary(row) : null;
}

/** The body's OCC settings (`body_settings.occ_policy`). */
export async function occPolicyOf(sequelize: Sequelize, bodyId: string): Promise<{ assegnoSocialeMonthlyCents?: Record<string, number> }> {
  const [row] = await sequelize.query<{ occ_policy: Record<string, unknown> }>('SELECT occ_policy FROM body_settings WHERE body_id = :bodyId', { type: QueryTypes.SELECT, replacements: { bodyId } });
  return (row?.occ_policy ?? {}) as { assegnoSocialeMonthlyCents?: Record<string, number> };
}

export async function setOccPolicy(sequelize: Sequelize, bodyId: string, policy: Record<string, unknown>, by: string): Promise<void> {
  await sequelize.transaction(async (transaction) => {
    await sequelize.query(
      `INSERT INTO body_settings (body_id, occ_policy) VALUES (:bodyId, :policy)
       ON CONFLICT (body_id) DO UPDATE SET occ_policy = EXCLUDED.occ_policy, updated_at = now()`,
      { transaction, replacements: { bodyId, policy: JSON.stringify(policy) } },
    );
    await appendAudit({ bodyId, userId: by, action: 'occ.policy_changed', entityType: 'body', entityId: bodyId, details: {} }, transaction);
  });
}
