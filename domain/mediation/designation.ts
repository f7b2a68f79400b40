/**
 * Designation of the mediator by the responsabile dell'organismo (art. 8 c.1 d.lgs. 28/2010;
 * spec mediation.md §1.5, §2.3, §2.5). DM 150/2023 art. 22 e) requires predetermined criteria that
 * respect the mediator's specific competence and ensure rotation; the body configures one of:
 *
 * - `rotation`: round robin within competence — among eligible mediators, the one whose last
 *   assignment is the oldest (never assigned first); ties by fewest active cases, then by id;
 * - `availability`: the eligible mediator with the fewest active cases; ties by the oldest last
 *   assignment, then by id;
 * - `manual`: the responsabile names the mediator and must give a reason (e.g. the parties'
 *   concordant indication, art. 22 d); the chosen one must be eligible. The result also says whom
 *   rotation would have chosen, so that departing from rotation is on the record (§2.5).
 *
 * Eligible = available, competent for the case's matter, compatible with every party (no declared
 * incompatibility, DM 150 art. 21) and not excluded (already refused or let the answer term pass on
 * this case: re-designation, §2.3). The result carries a bilingual explanation for the record of
 * "who chose and why"; who chose is the caller's authenticated user.
 */
import { DomainError, type ErrorCode } from '../errors';
import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import { z } from 'zod';
import { findMatter } from './matters';

// ---------------------------------------------------------------------------------------------
// Errors (codes to be listed in domain/errors.ts; until then this local class carries them)
// ---------------------------------------------------------------------------------------------

export type DesignationErrorCode = Extract<ErrorCode, 'NO_ELIGIBLE_MEDIATOR' | 'MANUAL_CHOICE_REASON_REQUIRED' | 'MEDIATOR_NOT_ELIGIBLE'>;

/** A designation rule violation: same shape as DomainError (code + field details). */
export class DesignationError extends DomainError {
  constructor(code: DesignationErrorCode, fields: { path: string; code: string }[] = []) {
    super(code, fields);
    this.name = 'DesignationError';
  }
}

// ---------------------------------------------------------------------------------------------
// Input shapes
// ---------------------------------------------------------------------------------------------

export const mediatorCandidateSchema = z.object({
  id: z.string().min(1),
  /** Matter codes (domain/mediation/matters.ts) the body lists the mediator as competent for. */
  competences: z.array(z.string().min(1)),
  available: z.boolean(),
  activeCases: z.number().int().min(0),
  /** ISO instant of the mediator's last designation by this body, null if never designated. */
  lastAssignedAt: z.iso.datetime({ offset: true }).nullable(),
  /** Registry subject ids of persons the mediator declared an incompatibility with. */
  incompatibleWith: z.array(z.string().min(1)).optional(),
});
export type MediatorCandidate = z.infer<typeof mediatorCandidateSchema>;

export const designationCriteriaSchema = z.discriminatedUnion('criterion', [
  z.object({ criterion: z.literal('rotation') }),
  z.object({ criterion: z.literal('availability') }),
  z.object({ criterion: z.literal('manual'), mediatorId: z.string(), reason: z.string() }),
]);
export type DesignationCriteria = z.infer<typeof designationCriteriaSchema>;
export type DesignationCriterion = DesignationCriteria['criterion'];

export interface DesignationContext {
  /** Matter code of the case. */
  matter: string;
  /** Registry subject ids of the parties (and their lawyers, if the body checks those too). */
  partySubjectIds: readonly string[];
  /** Mediators who already refused this case or did not answer in time. */
  excluded: readonly string[];
  /** Zone for the dates in the explanation; Europe/Rome by default. */
  zone?: string;
}

export interface Designation {
  mediatorId: string;
  criterion: DesignationCriterion;
  /** Why this mediator, for the register and the audit log. */
  reason: { it: string; en: string };
  /** For a manual choice, the mediator rotation would have designated (null if none was eligible). */
  rotationCandidateId?: string | null;
}

/** Why a candidate cannot be designated; field codes of MEDIATOR_NOT_ELIGIBLE and NO_ELIGIBLE_MEDIATOR. */
export type IneligibilityCode = 'UNKNOWN_MEDIATOR' | 'EXCLUDED' | 'NOT_AVAILABLE' | 'NOT_COMPETENT' | 'INCOMPATIBLE';

// ---------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------

/** Every reason `candidate` cannot be designated in `context`; empty when eligible. */
export function ineligibilityOf(candidate: MediatorCandidate, context: DesignationContext): IneligibilityCode[] {
  const out: IneligibilityCode[] = [];
  if (context.excluded.includes(candidate.id)) out.push('EXCLUDED');
  if (!candidate.available) out.push('NOT_AVAILABLE');
  if (!candidate.competences.includes(context.matter)) out.push('NOT_COMPETENT');
  const incompatible = candidate.incompatibleWith ?? [];
  if (context.partySubjectIds.some((p) => incompatible.includes(p))) out.push('INCOMPATIBLE');
  return out;
}

function lastAssignedMillis(c: MediatorCandidate): number {
  if (c.lastAssignedAt === null) return Number.NEGATIVE_INFINITY;
  const t = Date.parse(c.lastAssignedAt);
  if (Number.isNaN(t)) throw new RangeError(`mediator ${c.id} has an invalid lastAssignedAt`);
  return t;
}

const byId = (a: MediatorCandidate, b: MediatorCandidate) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const byRotation = (a: MediatorCandidate, b: MediatorCandidate) =>
  lastAssignedMillis(a) - lastAssignedMillis(b) || a.activeCases - b.activeCases || byId(a, b);

const byAvailability = (a: MediatorCandidate, b: MediatorCandidate) =>
  a.activeCases - b.activeCases || lastAssignedMillis(a) - lastAssignedMillis(b) || byId(a, b);

function eligibleOf(candidates: readonly MediatorCandidate[], context: DesignationContext): MediatorCandidate[] {
  return candidates.filter((c) => ineligibilityOf(c, context).length === 0);
}

function matterLabel(code: string): { it: string; en: string } {
  return findMatter(code)?.label ?? { it: code, en: code };
}

function lastAssignedText(c: MediatorCandidate, zone: string): { it: string; en: string } {
  if (c.lastAssignedAt === null) return { it: 'mai designato finora', en: 'never designated so far' };
  const d = new Date(lastAssignedMillis(c));
  return {
    it: `ultimo incarico il ${format(d, 'dd/MM/yyyy', { in: tz(zone) })}`,
    en: `last designated on ${format(d, 'yyyy-MM-dd', { in: tz(zone) })}`,
  };
}

function excludedText(count: number): { it: string; en: string } {
  if (count === 0) return { it: '', en: '' };
  return {
    it:
      count === 1
        ? ' Escluso 1 mediatore che ha rifiutato o non ha risposto.'
        : ` Esclusi ${count} mediatori che hanno rifiutato o non hanno risposto.`,
    en:
      count === 1
        ? ' 1 mediator who refused or did not answer was excluded.'
        : ` ${count} mediators who refused or did not answer were excluded.`,
  };
}

function noEligible(candidates: readonly MediatorCandidate[], context: DesignationContext): DesignationError {
  return new DesignationError(
    'NO_ELIGIBLE_MEDIATOR',
    candidates.map((c, i) => ({ path: `candidates.${i}`, code: ineligibilityOf(c, context)[0] ?? 'EXCLUDED' })),
  );
}

/**
 * Chooses the mediator for a case under the body's criterion. Pure: the candidates' state
 * (availability, active cases, last assignment) comes from the caller, who records the result
 * (who chose, criterion, reason) with the designation.
 *
 * Errors: `NO_ELIGIBLE_MEDIATOR` (rotation/availability; one field per candidate with its first
 * ineligibility code), `MANUAL_CHOICE_REASON_REQUIRED` (manual without a non-blank reason),
 * `MEDIATOR_NOT_ELIGIBLE` (manual choice of an unknown, excluded, unavailable, non-competent or
 * incompatible mediator; one field `mediatorId` per reason).
 */
export function chooseMediator(
  candidates: readonly MediatorCandidate[],
  criteria: DesignationCriteria,
  context: DesignationContext,
): Designation {
  const zone = context.zone ?? 'Europe/Rome';
  const matter = matterLabel(context.matter);
  const eligible = eligibleOf(candidates, context);
  const excluded = excludedText(candidates.filter((c) => context.excluded.includes(c.id)).length);
  const pool = {
    it: `tra ${eligible.length} ${eligible.length === 1 ? 'mediatore disponibile, competente' : 'mediatori disponibili, competenti'} per la materia «${matter.it}» e senza incompatibilità con le parti`,
    en: `among ${eligible.length} ${eligible.length === 1 ? 'mediator' : 'mediators'} available, competent for «${matter.en}» and free of incompatibilities with the parties`,
  };

  switch (criteria.criterion) {
    case 'rotation': {
      const chosen = [...eligible].sort(byRotation)[0];
      if (!chosen) throw noEligible(candidates, context);
      const last = lastAssignedText(chosen, zone);
      return {
        mediatorId: chosen.id,
        criterion: 'rotation',
        reason: {
          it: `Designato per rotazione (DM 150/2023, art. 22, lett. e): ${pool.it}, è quello con l'incarico meno recente (${last.it}; ${chosen.activeCases} procedimenti in corso).${excluded.it}`,
          en: `Designated by rotation (DM 150/2023, art. 22(e)): ${pool.en}, the one designated least recently (${last.en}; ${chosen.activeCases} active cases).${excluded.en}`,
        },
      };
    }
    case 'availability': {
      const chosen = [...eligible].sort(byAvailability)[0];
      if (!chosen) throw noEligible(candidates, context);
      return {
        mediatorId: chosen.id,
        criterion: 'availability',
        reason: {
          it: `Designato per disponibilità: ${pool.it}, è quello con meno procedimenti in corso (${chosen.activeCases}).${excluded.it}`,
          en: `Designated by availability: ${pool.en}, the one with the fewest active cases (${chosen.activeCases}).${excluded.en}`,
        },
      };
    }
    case 'manual': {
      const reason = criteria.reason.trim();
      if (reason === '') {
        throw new DesignationError('MANUAL_CHOICE_REASON_REQUIRED', [{ path: 'reason', code: 'REQUIRED' }]);
      }
      const chosen = candidates.find((c) => c.id === criteria.mediatorId);
      const problems: IneligibilityCode[] = chosen ? ineligibilityOf(chosen, context) : ['UNKNOWN_MEDIATOR'];
      if (!chosen || problems.length > 0) {
        throw new DesignationError(
          'MEDIATOR_NOT_ELIGIBLE',
          problems.map((code) => ({ path: 'mediatorId', code })),
        );
      }
      const rotationCandidateId = [...eligible].sort(byRotation)[0]?.id ?? null;
      const departs =
        rotationCandidateId !== null && rotationCandidateId !== chosen.id
          ? {
              it: ` La rotazione avrebbe designato ${rotationCandidateId}.`,
              en: ` Rotation would have designated ${rotationCandidateId}.`,
            }
          : { it: ' Coincide con la designazione per rotazione.', en: ' Same as the designation by rotation.' };
      return {
        mediatorId: chosen.id,
        criterion: 'manual',
        rotationCandidateId,
        reason: {
          it: `Designato manualmente dal responsabile dell'organismo, motivazione: «${reason}». Il mediatore è disponibile, competente per la materia «${matter.it}» e senza incompatibilità con le parti.${departs.it}`,
          en: `Designated manually by the head of the body, reason: «${reason}». The mediator is available, competent for «${matter.en}» and free of incompatibilities with the parties.${departs.en}`,
        },
      };
    }
  }
}
