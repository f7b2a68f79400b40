import type { Sequelize, Transaction } from 'sequelize';
import { select } from './protocol/sql';

/** The `cases` row of an OCC file, as the economics code needs it. */
export interface OccFileRef {
  id: string;
  caseNumber: string;
  subject: string;
  stage: string;
  /** The file's designated professional (the crisis manager): `cases.mediator_id`. */
  crisisManagerId: string | null;
  bodyName: string;
}

/** An OCC file (`kind = 'occ'`) of the body, or null (a mediation case or another body's file is not one). */
export async function findOccFile(sequelize: Sequelize, bodyId: string, caseId: string, transaction?: Transaction): Promise<OccFileRef | null> {
  if (!/^[0-9a-f-]{36}$/i.test(caseId)) return null;
  const rows = await select<{ id: string; case_number: string; subject: string; stage: string; mediator_id: string | null; body_name: string }>(
    sequelize,
    `SELECT c.id, c.case_number, c.subject, c.stage, c.mediator_id, b.name AS body_name
       FROM cases c JOIN bodies b ON b.id = c.body_id
      WHERE c.body_id = :bodyId AND c.id = :caseId AND c.kind = 'occ'`,
    { bodyId, caseId },
    transaction,
  );
  const r = rows[0];
  return r ? { id: r.id, caseNumber: r.case_number, subject: r.subject, stage: r.stage, crisisManagerId: r.mediator_id, bodyName: r.body_name } : null;
}
