/**
 * Designation of the crisis manager (gestore della crisi) by the OCC's referente under the body's
 * predetermined criterion (DM 202/2014; spec §A.3.1 row 3). The choice reuses the mediation rule
 * (domain/mediation/designation.ts: rotation, availability, manual with a reason; exclusion of who
 * refused) with every crisis manager competent for OCC files; the recorded reason is the OCC's.
 */
import { DomainError } from '../errors';
import { chooseMediator, type DesignationCriteria, type MediatorCandidate } from '../mediation/designation';

export const OCC_COMPETENCE = 'occ';

export interface CrisisManagerCandidate {
  id: string;
  available: boolean;
  activeFiles: number;
  lastAssignedAt: string | null;
}

export interface CrisisManagerDesignation {
  crisisManagerId: string;
  criterion: DesignationCriteria['criterion'];
  reason: { it: string; en: string };
}

/** Chooses the crisis manager; errors NO_ELIGIBLE_CRISIS_MANAGER / CRISIS_MANAGER_NOT_ELIGIBLE / MANUAL_CHOICE_REASON_REQUIRED. */
export function chooseCrisisManager(candidates: readonly CrisisManagerCandidate[], criteria: DesignationCriteria, excluded: readonly string[]): CrisisManagerDesignation {
  const pool: MediatorCandidate[] = candidates.map((c) => ({ id: c.id, competences: [OCC_COMPETENCE], available: c.available, activeCases: c.activeFiles, lastAssignedAt: c.lastAssignedAt }));
  let chosen;
  try {
    chosen = chooseMediator(pool, criteria, { matter: OCC_COMPETENCE, partySubjectIds: [], excluded });
  } catch (err) {
    if (err instanceof DomainError && err.code === 'NO_ELIGIBLE_MEDIATOR') throw new DomainError('NO_ELIGIBLE_CRISIS_MANAGER', err.fields);
    if (err instanceof DomainError && err.code === 'MEDIATOR_NOT_ELIGIBLE') throw new DomainError('CRISIS_MANAGER_NOT_ELIGIBLE', err.fields);
    throw err;
  }
  const c = candidates.find((x) => x.id === chosen.mediatorId)!;
  const eligible = candidates.filter((x) => x.available && !excluded.includes(x.id)).length;
  const last = c.lastAssignedAt ? `ultimo incarico il ${c.lastAssignedAt.slice(0, 10).split('-').reverse().join('/')}` : 'mai designato finora';
  const lastEn = c.lastAssignedAt ? `last designated on ${c.lastAssignedAt.slice(0, 10)}` : 'never designated so far';
  const manualReason = criteria.criterion === 'manual' ? criteria.reason.trim() : '';
  const reason =
    criteria.criterion === 'rotation'
      ? { it: `Designato per rotazione tra ${eligible} gestori disponibili: quello con l'incarico meno recente (${last}; ${c.activeFiles} pratiche in corso).`, en: `Designated by rotation among ${eligible} available crisis managers: the one designated least recently (${lastEn}; ${c.activeFiles} active files).` }
      : criteria.criterion === 'availability'
        ? { it: `Designato per disponibilità tra ${eligible} gestori disponibili: quello con meno pratiche in corso (${c.activeFiles}).`, en: `Designated by availability among ${eligible} available crisis managers: the one with the fewest active files (${c.activeFiles}).` }
        : { it: `Designato dal referente dell'OCC, motivazione: «${manualReason}».`, en: `Designated by the OCC's referente, reason: «${manualReason}».` };
  return { crisisManagerId: c.id, criterion: chosen.criterion, reason };
}
