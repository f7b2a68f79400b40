/**
 * Who signs the minutes of a mediation and how (art. 8-bis d.lgs. 28/2010): the parties present and
 * their lawyers in parallel, then the mediator last. Pure rules: the activity feeds the case's
 * signer candidates, the workflow records the plan.
 */
import { z } from 'zod';
import type { ExtraMinutesSigner, MinutesSigningMethod } from '../views/mediation-actions';
import { isValidTaxCode, normalizeTaxCode } from '../registry/tax-code';
import { minutesSteps, type SignerRole } from '../signature/cycle';

/** A person the case file knows (parties, lawyers, the accepted mediator); keys `party-<n>`, `lawyer-<n>`, `mediator`. */
export interface MinutesCandidate {
  key: string;
  role: 'party' | 'lawyer' | 'mediator';
  givenName: string | null;
  surname: string | null;
  taxCode: string | null;
  email: string | null;
  phone: string | null;
}

export interface PlannedSigner {
  id: string;
  givenName: string;
  surname: string;
  taxCode: string;
  email: string;
  phone: string | null;
  role: SignerRole;
  /** null: the signer chooses (own device or one-shot). */
  method: 'own-device' | 'one-shot' | null;
}

export interface MinutesSignerPlan {
  signers: PlannedSigner[];
  steps: string[][];
  /** What keeps the cycle from starting: `mediator`, or `party-<n>` when nobody can sign for that party. */
  missing: string[];
}

export const minutesSigningMethods = ['own-device', 'one-shot', 'any'] as const;

export const extraMinutesSignerSchema = z.object({
  givenName: z.string().trim().min(1).max(100),
  surname: z.string().trim().min(1).max(100),
  taxCode: z
    .string()
    .transform(normalizeTaxCode)
    .refine((v) => v.length === 16 && isValidTaxCode(v), 'a natural person’s tax code'),
  email: z.email().max(254),
  phone: z.string().regex(/^\+?[0-9 ]{6,20}$/).nullish(),
  role: z.enum(['party', 'lawyer', 'other']),
  forPosition: z.int().min(0).max(100).nullish(),
});

export const signMinutesSchema = z.object({
  methods: z.record(z.string().regex(/^[a-z0-9_-]{1,32}$/i), z.enum(minutesSigningMethods)).optional(),
  extraSigners: z.array(extraMinutesSignerSchema).max(20).optional(),
});

/** Parties have no known certificate: one-shot by default. Lawyers and mediators usually own one: they choose. */
export function defaultSigningMethod(role: SignerRole): MinutesSigningMethod {
  return role === 'party' ? 'one-shot' : 'any';
}

const positionOf = (key: string): number | null => {
  const m = /^(?:party|lawyer)-(\d+)$/.exec(key);
  return m ? Number(m[1]) : null;
};

function usable(c: { givenName: string | null; surname: string | null; taxCode: string | null; email: string | null }): boolean {
  return !!c.givenName?.trim() && !!c.surname?.trim() && !!c.email?.trim() && !!c.taxCode && isValidTaxCode(normalizeTaxCode(c.taxCode)) && normalizeTaxCode(c.taxCode).length === 16;
}

/**
 * The signers of the minutes: for each party present (`positions`), the party (a natural person
 * with a tax code and an e-mail), its lawyer, and anyone added for it; the mediator last. A party
 * nobody can sign for, or a mediator without a tax code, is `missing` and the cycle cannot start.
 * The same person (tax code) signs once.
 */
export function planMinutesSigners(
  candidates: readonly MinutesCandidate[],
  opts: { positions: readonly number[]; methods?: Record<string, MinutesSigningMethod> | undefined; extra?: readonly ExtraMinutesSigner[] | undefined },
): MinutesSignerPlan {
  const signers: PlannedSigner[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  const add = (id: string, role: SignerRole, c: { givenName: string | null; surname: string | null; taxCode: string | null; email: string | null; phone?: string | null | undefined }) => {
    const taxCode = normalizeTaxCode(c.taxCode ?? '');
    if (seen.has(taxCode)) return true;
    seen.add(taxCode);
    const choice = opts.methods?.[id] ?? defaultSigningMethod(role);
    signers.push({ id, givenName: c.givenName!.trim(), surname: c.surname!.trim(), taxCode, email: c.email!.trim(), phone: c.phone ?? null, role, method: choice === 'any' ? null : choice });
    return true;
  };
  const extra = (opts.extra ?? []).map((e, i) => ({ ...e, id: `extra-${i}` }));

  for (const position of [...new Set(opts.positions)].sort((a, b) => a - b)) {
    let covered = false;
    for (const c of candidates) {
      if (c.role === 'mediator' || positionOf(c.key) !== position || !usable(c)) continue;
      covered = add(c.key, c.role, c) || covered;
    }
    for (const e of extra) if (e.forPosition === position) covered = add(e.id, e.role, e) || covered;
    if (!covered) missing.push(`party-${position}`);
  }
  for (const e of extra) if (e.forPosition == null) add(e.id, e.role, e);

  const mediator = candidates.find((c) => c.role === 'mediator');
  if (mediator && usable(mediator)) add('mediator', 'mediator', mediator);
  else missing.push('mediator');

  return { signers, steps: minutesSteps(signers), missing };
}
