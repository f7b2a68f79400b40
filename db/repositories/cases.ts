import { Op, QueryTypes, type Sequelize } from 'sequelize';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { filingSchema } from '../../domain/mediation/matters';
import { formatCaseNumber } from '../../domain/mediation/case-number';
import type { MediationType } from '../../domain/mediation/matters';
import type { CaseDetail, CaseSummary } from '../../domain/views/case';
import { toSubjectView } from './registry';
import { Case, CaseParty, Subject } from '../models';
import { appendAudit } from './audit';
import { upsertSubject } from './subjects';

export type Filing = z.infer<typeof filingSchema>;

export interface RegisterCaseInput {
  caseId: string;
  bodyId: string;
  workflowId: string;
  year: number;
  filedAt: Date;
  filedBy: string;
  filing: Filing;
}

export interface Registration {
  caseNumber: string;
  year: number;
  number: number;
}

/**
 * Enters a mediation in the body's register: takes the next number of the body and year and writes
 * the case, its parties (matched to the registry) and the audit row in one transaction. The counter
 * row is locked by the upsert, so concurrent registrations queue and numbers stay gapless; a retry
 * for a case already registered returns its number instead of taking a new one.
 */
export async function registerCase(sequelize: Sequelize, input: RegisterCaseInput): Promise<Registration> {
  return sequelize.transaction(async (transaction) => {
    const existing = await Case.findOne({ where: { bodyId: input.bodyId, id: input.caseId }, transaction });
    if (existing) return { caseNumber: existing.caseNumber, year: existing.year, number: existing.number };

    const [counter] = await sequelize.query<{ last_number: number }>(
      `INSERT INTO case_counters (body_id, kind, year, last_number) VALUES (:bodyId, 'mediation', :year, 1)
       ON CONFLICT (body_id, kind, year) DO UPDATE SET last_number = case_counters.last_number + 1
       RETURNING last_number`,
      { type: QueryTypes.SELECT, transaction, replacements: { bodyId: input.bodyId, year: input.year } },
    );
    const number = counter!.last_number;
    const caseNumber = formatCaseNumber(input.year, number);
    const f = input.filing;
    await Case.create(
      {
        id: input.caseId,
        bodyId: input.bodyId,
        kind: 'mediation',
        year: input.year,
        number,
        caseNumber,
        workflowId: input.workflowId,
        mediationType: f.mediationType,
        matter: f.matter,
        subject: f.subject,
        facts: f.facts,
        valueCents: f.valueCents === undefined || f.valueCents === null ? null : String(f.valueCents),
        valueIndeterminable: f.valueIndeterminable ?? false,
        stage: 'ISCRITTA',
        nextDeadline: null,
        filedBy: input.filedBy,
        filedAt: input.filedAt,
      },
      { transaction },
    );
    let position = 0;
    for (const party of f.parties) {
      const subjectId = await upsertSubject(sequelize, input.bodyId, party.person, transaction);
      const lawyerSubjectId = party.lawyer
        ? await upsertSubject(sequelize, input.bodyId, { kind: 'person', ...party.lawyer }, transaction)
        : null;
      await CaseParty.create(
        { id: randomUUID(), bodyId: input.bodyId, caseId: input.caseId, subjectId, role: party.role, lawyerSubjectId, position: position++ },
        { transaction },
      );
    }
    await appendAudit(
      {
        bodyId: input.bodyId,
        userId: input.filedBy,
        action: 'case.registered',
        entityType: 'case',
        entityId: input.caseId,
        workflowId: input.workflowId,
        details: { caseNumber },
      },
      transaction,
    );
    return { caseNumber, year: input.year, number };
  });
}

/** Records a stage change in the read model with its audit row. */
export async function recordCaseStage(
  sequelize: Sequelize,
  change: { bodyId: string; caseId: string; stage: string; by: string | null; workflowId: string; reason?: string },
): Promise<void> {
  await sequelize.transaction(async (transaction) => {
    await Case.update(
      { stage: change.stage, updatedAt: new Date() },
      { where: { bodyId: change.bodyId, id: change.caseId }, transaction },
    );
    await appendAudit(
      {
        bodyId: change.bodyId,
        userId: change.by,
        action: 'case.stage_changed',
        entityType: 'case',
        entityId: change.caseId,
        workflowId: change.workflowId,
        details: { stage: change.stage, ...(change.reason ? { reason: change.reason } : {}) },
      },
      transaction,
    );
  });
}

function displayName(s: Subject): string {
  return s.kind === 'person' ? `${s.firstName} ${s.lastName}` : (s.companyName ?? '');
}

async function partiesOf(bodyId: string, caseIds: string[]) {
  if (caseIds.length === 0) return [];
  const parties = await CaseParty.findAll({ where: { bodyId, caseId: caseIds }, order: [['position', 'ASC']] });
  const subjectIds = [...new Set(parties.flatMap((p) => [p.subjectId, p.lawyerSubjectId]).filter((x): x is string => !!x))];
  const subjects = new Map(
    (await Subject.findAll({ where: { bodyId, id: subjectIds } })).map((s) => [s.id, s] as const),
  );
  return parties.map((p) => ({ party: p, subject: subjects.get(p.subjectId)!, lawyer: p.lawyerSubjectId ? subjects.get(p.lawyerSubjectId) ?? null : null }));
}

function toSummary(c: Case, parties: Awaited<ReturnType<typeof partiesOf>>): CaseSummary {
  const mine = parties.filter((p) => p.party.caseId === c.id);
  return {
    id: c.id,
    caseNumber: c.caseNumber,
    year: c.year,
    number: c.number,
    kind: c.kind,
    mediationType: c.mediationType as MediationType | null,
    stage: c.stage,
    matter: c.matter,
    subject: c.subject,
    filedAt: c.filedAt.toISOString(),
    valueCents: c.valueCents === null ? null : Number(c.valueCents),
    applicants: mine.filter((p) => p.party.role === 'applicant').map((p) => displayName(p.subject)),
    invited: mine.filter((p) => p.party.role === 'invited').map((p) => displayName(p.subject)),
    nextDeadline: c.nextDeadline ? c.nextDeadline.toISOString() : null,
  };
}

export async function listCases(
  sequelize: Sequelize,
  bodyId: string,
  q: {
    stage?: string | undefined;
    text?: string | undefined;
    mediatorId?: string | undefined;
    year?: number | undefined;
    number?: number | undefined;
    matter?: string | undefined;
    /** Only cases whose next deadline is before this instant (and not past). */
    deadlineBefore?: Date | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ items: CaseSummary[]; total: number }> {
  const where: Record<string | symbol, unknown> = { bodyId };
  if (q.mediatorId) where.mediatorId = q.mediatorId;
  if (q.stage) where.stage = q.stage;
  if (q.year) where.year = q.year;
  if (q.number) where.number = q.number;
  if (q.matter) where.matter = q.matter;
  if (q.deadlineBefore) where.nextDeadline = { [Op.between]: [new Date(), q.deadlineBefore] };
  if (q.text) {
    const like = `%${q.text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    const matching = await sequelize.query<{ case_id: string }>(
      `SELECT DISTINCT cp.case_id FROM case_parties cp JOIN subjects s ON s.id = cp.subject_id
       WHERE cp.body_id = :bodyId AND (s.last_name ILIKE :like OR s.first_name ILIKE :like OR s.company_name ILIKE :like OR s.tax_code ILIKE :like)`,
      { type: QueryTypes.SELECT, replacements: { bodyId, like } },
    );
    where[Op.or] = [
      { caseNumber: { [Op.iLike]: like } },
      { subject: { [Op.iLike]: like } },
      { id: matching.map((m) => m.case_id) },
    ];
  }
  const { rows, count } = await Case.findAndCountAll({
    where,
    order: [['filedAt', 'DESC'], ['number', 'DESC']],
    limit: q.limit,
    offset: q.offset,
  });
  const parties = await partiesOf(bodyId, rows.map((r) => r.id));
  return { items: rows.map((r) => toSummary(r, parties)), total: count };
}

export async function getCase(sequelize: Sequelize, bodyId: string, caseId: string): Promise<CaseDetail | null> {
  const c = await Case.findOne({ where: { bodyId, id: caseId } });
  if (!c) return null;
  const parties = await partiesOf(bodyId, [c.id]);
  const userIds = [c.filedBy, c.mediatorId].filter((x): x is string => !!x);
  const rows = userIds.length
    ? await sequelize.query<{ id: string; full_name: string }>('SELECT id, full_name FROM users WHERE id IN (:ids)', {
        type: QueryTypes.SELECT,
        replacements: { ids: userIds },
      })
    : [];
  const users = new Map(rows.map((u) => [u.id, { id: u.id, fullName: u.full_name }] as const));
  return {
    ...toSummary(c, parties),
    workflowId: c.workflowId,
    facts: c.facts,
    valueIndeterminable: c.valueIndeterminable,
    parties: parties.map((p) => ({ role: p.party.role, person: toSubjectView(p.subject), lawyer: p.lawyer ? toSubjectView(p.lawyer) : null })),
    filedBy: (c.filedBy && users.get(c.filedBy)) || null,
    mediator: (c.mediatorId && users.get(c.mediatorId)) || null,
  };
}
