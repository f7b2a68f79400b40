/**
 * The signature cycle as data: who signs, in which order (a sequence of parallel groups), where the
 * visible box goes, how long it may take; the statuses and the actions each state allows. Pure
 * rules, shared by the API (input validation), the workflow (validators) and the UI.
 */
import { z } from 'zod';
import { isValidTaxCode, normalizeTaxCode } from '../registry/tax-code';

export const signerRoles = ['party', 'lawyer', 'mediator', 'secretariat', 'expert', 'other'] as const;
export type SignerRole = (typeof signerRoles)[number];

export const signatureBoxSchema = z.object({
  page: z.number().int().min(1).max(10_000),
  x: z.number().min(0).max(5000),
  y: z.number().min(0).max(5000),
  width: z.number().min(60).max(600),
  height: z.number().min(30).max(300),
});
export type SignatureBoxInput = z.infer<typeof signatureBoxSchema>;

export const signerSchema = z.object({
  /** A short key unique in the cycle (e.g. "s1"): the steps refer to it. */
  id: z.string().regex(/^[a-z0-9_-]{1,32}$/i),
  givenName: z.string().trim().min(1).max(100),
  surname: z.string().trim().min(1).max(100),
  taxCode: z
    .string()
    .transform(normalizeTaxCode)
    .refine((v) => v.length === 16 && isValidTaxCode(v), 'a natural person’s tax code'),
  email: z.email().max(254),
  phone: z.string().regex(/^\+?[0-9 ]{6,20}$/).nullable().optional(),
  role: z.enum(signerRoles),
  box: signatureBoxSchema.nullable().optional(),
  /** Restricts the signer to one way of signing; absent or null: the signer chooses. */
  method: z.enum(['own-device', 'one-shot']).nullable().optional(),
});
export type SignerInput = z.infer<typeof signerSchema>;

export const cycleFormats = ['pades', 'cades'] as const;
export type CycleFormat = (typeof cycleFormats)[number];

export const cycleRequestSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    /** Documents in the document store: PDFs for PAdES, any admitted file for CAdES. */
    documentIds: z.array(z.uuid()).min(1).max(10),
    format: z.enum(cycleFormats).default('pades'),
    signers: z.array(signerSchema).min(1).max(30),
    /** A sequence of groups; the signers of a group sign in parallel, a group starts when the previous is done. */
    steps: z.array(z.array(z.string()).min(1)).min(1).max(30),
    /** Check every signature so far before the next group is invited (art. 8-bis: before the mediator). */
    verifyBetweenSteps: z.boolean().default(true),
    /** Time to complete, from the start. */
    deadlineSeconds: z.number().int().min(5).max(365 * 86400),
    /** Reminder interval for signers who have not signed yet; none when omitted. */
    reminderEverySeconds: z.number().int().min(5).max(30 * 86400).nullable().optional(),
    /** Validity of a one-shot signer's certificate. */
    oneShotCertificateMinutes: z.number().int().min(1).max(24 * 60).default(15),
    /** Send the signed document to preservation with this class and metadata. */
    preservation: z.object({ classCode: z.string().min(1).max(64), metadata: z.record(z.string(), z.string().max(500)).default({}) }).nullable().optional(),
  })
  .superRefine((c, ctx) => {
    for (const issue of stepProblems(c.signers, c.steps)) ctx.addIssue({ code: 'custom', path: ['steps'], message: issue });
  });
export type CycleRequest = z.infer<typeof cycleRequestSchema>;

/** Every signer in exactly one group, no unknown ids, no duplicate signers or tax codes. */
export function stepProblems(signers: readonly { id: string; taxCode: string }[], steps: readonly (readonly string[])[]): string[] {
  const problems: string[] = [];
  const ids = signers.map((s) => s.id);
  if (new Set(ids).size !== ids.length) problems.push('duplicate signer id');
  const codes = signers.map((s) => s.taxCode);
  if (new Set(codes).size !== codes.length) problems.push('the same person is listed twice');
  const placed = steps.flat();
  for (const id of placed) if (!ids.includes(id)) problems.push(`unknown signer ${id}`);
  if (new Set(placed).size !== placed.length) problems.push('a signer appears in more than one step');
  for (const id of ids) if (!placed.includes(id)) problems.push(`signer ${id} is in no step`);
  return problems;
}

/**
 * The order art. 8-bis d.lgs. 28/2010 gives the minutes of an online mediation: parties and lawyers
 * sign in parallel, the signatures are verified, the mediator signs last.
 */
export function minutesSteps(signers: readonly { id: string; role: SignerRole }[]): string[][] {
  const first = signers.filter((s) => s.role !== 'mediator').map((s) => s.id);
  const last = signers.filter((s) => s.role === 'mediator').map((s) => s.id);
  return [first, last].filter((g) => g.length > 0);
}

export const signerStatuses = ['waiting', 'invited', 'opened', 'signed', 'refused', 'expired', 'cancelled'] as const;
export type SignerStatus = (typeof signerStatuses)[number];

export const cycleStatuses = ['running', 'completed', 'refused', 'expired', 'cancelled', 'failed'] as const;
export type CycleStatus = (typeof cycleStatuses)[number];

export type SignerAction = 'download' | 'uploadSigned' | 'requestCode' | 'signWithCode' | 'refuse';

export type SigningMethod = 'own-device' | 'one-shot';

/** What a signer may do: only while the cycle runs and their group is current (and only the method they were given, if any). */
export function signerActions(cycle: CycleStatus, signer: SignerStatus, method: SigningMethod | null = null): SignerAction[] {
  if (cycle !== 'running') return signer === 'signed' ? ['download'] : [];
  if (signer === 'invited' || signer === 'opened') {
    const all: SignerAction[] = ['download', 'uploadSigned', 'requestCode', 'signWithCode', 'refuse'];
    if (method === 'one-shot') return all.filter((a) => a !== 'uploadSigned');
    if (method === 'own-device') return all.filter((a) => a !== 'requestCode' && a !== 'signWithCode');
    return all;
  }
  return signer === 'signed' ? ['download'] : [];
}

export type CycleAction = 'cancel' | 'resend';

export function cycleActions(cycle: CycleStatus): CycleAction[] {
  return cycle === 'running' ? ['cancel', 'resend'] : [];
}

/** "m***o@e***.it", "+39 *** *** 4567": enough for the signer to recognise where the code went. */
export function maskDestination(value: string): string {
  if (value.includes('@')) {
    const [user, domain] = value.split('@') as [string, string];
    const dot = domain.lastIndexOf('.');
    const host = dot > 0 ? domain.slice(0, dot) : domain;
    const tld = dot > 0 ? domain.slice(dot) : '';
    const m = (s: string) => (s.length <= 2 ? `${s[0] ?? ''}*` : `${s[0]}***${s[s.length - 1]}`);
    return `${m(user)}@${m(host)}${tld}`;
  }
  const digits = value.replace(/\s+/g, '');
  return `${'*'.repeat(Math.max(0, digits.length - 4))}${digits.slice(-4)}`;
}
