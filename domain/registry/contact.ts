/**
 * Zod schemas for the people and companies taking part in a procedure (docs/api.md, filing body).
 *
 * Every issue raised here carries a stable code in its `message` (see `registryIssueCodes`), so the
 * API can report `{ path, code }` without parsing zod's human texts. Schemas normalize on the way
 * in: strings are trimmed, tax codes and VAT numbers upper-cased/compacted, phones turned into E.164.
 */
import { z } from 'zod';
import { isValidTaxCode, normalizeTaxCode } from './tax-code';
import { isValidVatNumber, normalizeVatNumber } from './vat-number';

export const registryIssueCodes = {
  required: 'REQUIRED',
  tooLong: 'TOO_LONG',
  invalidTaxCode: 'INVALID_TAX_CODE',
  invalidVatNumber: 'INVALID_VAT_NUMBER',
  invalidEmail: 'INVALID_EMAIL',
  invalidPhone: 'INVALID_PHONE',
} as const;

export type RegistryIssueCode = (typeof registryIssueCodes)[keyof typeof registryIssueCodes];

/** Maximum lengths of stored strings. */
export const contactLimits = {
  personName: 100,
  companyName: 200,
  /** RFC 5321 path limit. */
  email: 254,
  /** Raw phone input, before compaction. */
  phoneInput: 30,
  /** Raw tax code / VAT input, before normalization (room for spaces and an IT prefix). */
  codeInput: 32,
} as const;

/** `REQUIRED` when the value is missing; zod's own message for a value of the wrong type. */
const missingIsRequired = (issue: { input?: unknown }) =>
  issue.input === undefined ? registryIssueCodes.required : undefined;

/** A required string: trimmed, not empty (`REQUIRED`), at most `max` characters (`TOO_LONG`). */
export function requiredText(max: number) {
  return z
    .string({ error: missingIsRequired })
    .trim()
    .min(1, { error: registryIssueCodes.required, abort: true })
    .max(max, { error: registryIssueCodes.tooLong });
}

/**
 * Makes a field optional where a blank string counts as absent (as HTML forms send it):
 * `undefined`, `""` and `"   "` all give `undefined`; anything else goes through `schema`.
 */
function optionalField<T extends z.ZodType>(schema: T) {
  return z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    schema.optional(),
  );
}

export const emailSchema = z
  .string({ error: missingIsRequired })
  .trim()
  .min(1, { error: registryIssueCodes.required, abort: true })
  .max(contactLimits.email, { error: registryIssueCodes.invalidEmail, abort: true })
  .pipe(z.email({ error: registryIssueCodes.invalidEmail }));

/** A certified e-mail (PEC) address: formally an e-mail address; whether it is a PEC box is not checkable here. */
export const pecSchema = emailSchema;

/**
 * Italian phone numbers to E.164 (`+39` and the national number), or null.
 * Accepts spaces, dashes, dots, slashes and parentheses as separators, and an optional `+39` or
 * `0039` prefix. The national number is a mobile (3, 9–10 digits) or a landline (0, 6–11 digits).
 * A bare `39` is never read as the country code: 393… is a mobile range.
 */
export function normalizeItalianPhone(s: string): string | null {
  const compact = s.trim().replace(/[\s\-./()]/g, '');
  let national: string;
  if (compact.startsWith('+39')) national = compact.slice(3);
  else if (compact.startsWith('0039')) national = compact.slice(4);
  else national = compact;
  if (!/^[0-9]+$/.test(national)) return null;
  const isMobile = /^3[0-9]{8,9}$/.test(national);
  const isLandline = /^0[0-9]{5,10}$/.test(national);
  return isMobile || isLandline ? `+39${national}` : null;
}

export const italianPhoneSchema = z
  .string({ error: missingIsRequired })
  .max(contactLimits.phoneInput, { error: registryIssueCodes.invalidPhone, abort: true })
  .transform((value, ctx) => {
    const e164 = normalizeItalianPhone(value);
    if (e164 === null) {
      ctx.issues.push({ code: 'custom', message: registryIssueCodes.invalidPhone, input: value });
      return z.NEVER;
    }
    return e164;
  });

/** Codice fiscale, person (16 characters) or numeric (11 digits); output trimmed and upper-cased. */
export const taxCodeSchema = z
  .string({ error: missingIsRequired })
  .max(contactLimits.codeInput, { error: registryIssueCodes.invalidTaxCode, abort: true })
  .transform(normalizeTaxCode)
  .pipe(
    z
      .string()
      .min(1, { error: registryIssueCodes.required, abort: true })
      .refine(isValidTaxCode, { error: registryIssueCodes.invalidTaxCode }),
  );

/** Partita IVA; output is the 11 digits (an `IT` prefix, spaces, dots and dashes are dropped). */
export const vatNumberSchema = z
  .string({ error: missingIsRequired })
  .max(contactLimits.codeInput, { error: registryIssueCodes.invalidVatNumber, abort: true })
  .transform(normalizeVatNumber)
  .pipe(
    z
      .string()
      .min(1, { error: registryIssueCodes.required, abort: true })
      .refine(isValidVatNumber, { error: registryIssueCodes.invalidVatNumber }),
  );

export const personSchema = z.object({
  kind: z.literal('person'),
  firstName: requiredText(contactLimits.personName),
  lastName: requiredText(contactLimits.personName),
  taxCode: taxCodeSchema,
  email: optionalField(emailSchema),
  pec: optionalField(pecSchema),
  phone: optionalField(italianPhoneSchema),
});

export const companySchema = z.object({
  kind: z.literal('company'),
  companyName: requiredText(contactLimits.companyName),
  vatNumber: vatNumberSchema,
  taxCode: optionalField(taxCodeSchema),
  pec: optionalField(pecSchema),
  email: optionalField(emailSchema),
  phone: optionalField(italianPhoneSchema),
});

export const lawyerSchema = z.object({
  firstName: requiredText(contactLimits.personName),
  lastName: requiredText(contactLimits.personName),
  taxCode: taxCodeSchema,
  pec: pecSchema,
});

export const partyRoles = ['applicant', 'invited'] as const;
export type PartyRole = (typeof partyRoles)[number];

export const partyInputSchema = z.object({
  role: z.enum(partyRoles),
  person: z.discriminatedUnion('kind', [personSchema, companySchema]),
  lawyer: lawyerSchema.optional(),
});

export type Person = z.output<typeof personSchema>;
export type Company = z.output<typeof companySchema>;
export type Lawyer = z.output<typeof lawyerSchema>;
export type Party = z.output<typeof partyInputSchema>;
