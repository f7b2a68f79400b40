import { QueryTypes, type Sequelize } from 'sequelize';
import { isCompleteCandidate, splitFullName, type SignerCandidate } from '../../domain/signature/candidates';

interface SubjectRow {
  kind: 'person' | 'company';
  first_name: string | null;
  last_name: string | null;
  company_name: string | null;
  tax_code: string | null;
  email: string | null;
  pec: string | null;
  phone: string | null;
}

interface PartyRow {
  position: number;
  role: 'applicant' | 'invited';
  party: SubjectRow;
  lawyer: SubjectRow | null;
}

function fromSubject(key: string, role: 'party' | 'lawyer', side: 'applicant' | 'invited', s: SubjectRow): SignerCandidate {
  const person = s.kind === 'person';
  const givenName = person ? s.first_name : null;
  const surname = person ? s.last_name : null;
  const fullName = person ? `${s.first_name ?? ''} ${s.last_name ?? ''}`.trim() : (s.company_name ?? '');
  const base = { key, role, fullName, givenName, surname, taxCode: s.tax_code, email: s.email ?? s.pec, phone: s.phone, side };
  return { ...base, complete: isCompleteCandidate(base) };
}

/**
 * Who can sign a document of the case: its parties (applicants and invited, in filing order), each
 * party's lawyer, and the designated mediator once the designation is accepted. Keys are stable
 * (`party-<position>`, `lawyer-<position>`, `mediator`) so a cycle built from them stays readable.
 * Returns null when the case is not in the body.
 */
export async function listSignerCandidates(sequelize: Sequelize, bodyId: string, caseId: string): Promise<SignerCandidate[] | null> {
  const [found] = await sequelize.query<{ mediator_id: string | null }>('SELECT mediator_id FROM cases WHERE body_id = :bodyId AND id = :caseId', {
    type: QueryTypes.SELECT,
    replacements: { bodyId, caseId },
  });
  if (!found) return null;
  const parties = await sequelize.query<PartyRow>(
    `SELECT cp.position, cp.role, to_jsonb(s) AS party, to_jsonb(l) AS lawyer
     FROM case_parties cp
     JOIN subjects s ON s.id = cp.subject_id AND s.body_id = cp.body_id
     LEFT JOIN subjects l ON l.id = cp.lawyer_subject_id AND l.body_id = cp.body_id
     WHERE cp.body_id = :bodyId AND cp.case_id = :caseId ORDER BY cp.position`,
    { type: QueryTypes.SELECT, replacements: { bodyId, caseId } },
  );
  const candidates: SignerCandidate[] = [];
  for (const p of parties) candidates.push(fromSubject(`party-${p.position}`, 'party', p.role, p.party));
  for (const p of parties) if (p.lawyer) candidates.push(fromSubject(`lawyer-${p.position}`, 'lawyer', p.role, p.lawyer));

  const [mediator] = await sequelize.query<{ full_name: string; email: string; tax_code: string | null }>(
    `SELECT u.full_name, u.email, u.tax_code FROM designations d JOIN users u ON u.id = d.mediator_id
     WHERE d.body_id = :bodyId AND d.case_id = :caseId AND d.outcome = 'accepted' AND d.mediator_id = :mediatorId
     ORDER BY d.seq DESC LIMIT 1`,
    { type: QueryTypes.SELECT, replacements: { bodyId, caseId, mediatorId: found.mediator_id ?? '00000000-0000-0000-0000-000000000000' } },
  );
  if (mediator) {
    const names = splitFullName(mediator.full_name);
    const base = { key: 'mediator', role: 'mediator' as const, fullName: mediator.full_name, ...names, taxCode: mediator.tax_code, email: mediator.email, phone: null, side: null };
    candidates.push({ ...base, complete: isCompleteCandidate(base) });
  }
  return candidates;
}
