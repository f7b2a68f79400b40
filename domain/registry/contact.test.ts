import {
  companySchema,
  emailSchema,
  italianPhoneSchema,
  lawyerSchema,
  normalizeItalianPhone,
  partyInputSchema,
  personSchema,
} from './contact';
import type { z } from 'zod';

/** `{ path, code }` of every issue, as the API reports them. */
function issuesOf(schema: z.ZodType, input: unknown): { path: string; code: string }[] {
  const result = schema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((i) => ({ path: i.path.join('.'), code: i.message }));
}

const mario = {
  kind: 'person',
  firstName: 'Mario',
  lastName: 'Rossi',
  taxCode: 'RSSMRA80A01H501U',
} as const;

const alfa = { kind: 'company', companyName: 'Alfa S.r.l.', vatNumber: '00743110157' } as const;

describe('emailSchema', () => {
  test.each([['mario.rossi@example.it'], ['m.rossi+avv@pec.ordineavvocati.it'], ['  anna@example.com  ']])(
    'accepts %j',
    (email) => {
      expect(emailSchema.parse(email)).toBe(email.trim());
    },
  );

  test.each([
    ['mario.rossi'],
    ['mario@'],
    ['@example.it'],
    ['mario@example'],
    ['mario rossi@example.it'],
    ['mario@@example.it'],
    ['mario..rossi@example.it'],
    [`${'a'.repeat(250)}@example.it`],
  ])('rejects %j with INVALID_EMAIL', (email) => {
    expect(issuesOf(emailSchema, email)).toEqual([{ path: '', code: 'INVALID_EMAIL' }]);
  });
});

describe('normalizeItalianPhone / italianPhoneSchema', () => {
  test.each([
    ['3401234567', '+393401234567'],
    ['340 123 4567', '+393401234567'],
    ['340-123-4567', '+393401234567'],
    ['+39 340 1234567', '+393401234567'],
    ['0039 340 1234567', '+393401234567'],
    ['+393401234567', '+393401234567'],
    ['393 1234567', '+393931234567'],
    ['333123456', '+39333123456'],
    ['06 1234 5678', '+390612345678'],
    ['(+39) 02/1234567', '+39021234567'],
    ['02.123456', '+3902123456'],
    ['0039 0471 123456', '+390471123456'],
    ['0612345', '+390612345'],
  ])('%j → %s', (input, e164) => {
    expect(normalizeItalianPhone(input)).toBe(e164);
    expect(italianPhoneSchema.parse(input)).toBe(e164);
  });

  test.each([
    ['', 'empty'],
    ['12345', 'too short'],
    ['06123', 'landline of 5 digits'],
    ['061234567890', 'landline of 12 digits'],
    ['34012345', 'mobile of 8 digits'],
    ['34012345678', 'mobile of 11 digits'],
    ['800123456', 'toll-free, neither mobile nor landline'],
    ['+44 20 7946 0958', 'a foreign number'],
    ['+39 340 12345 67x', 'a letter'],
    ['++393401234567', 'double plus'],
    ['39 3401234567', 'a bare 39 is not a country code'],
  ])('rejects %j (%s) with INVALID_PHONE', (input) => {
    expect(normalizeItalianPhone(input)).toBeNull();
    expect(issuesOf(italianPhoneSchema, input)).toEqual([{ path: '', code: 'INVALID_PHONE' }]);
  });
});

describe('personSchema', () => {
  test('normalizes: trims names, upper-cases the tax code, turns the phone into E.164', () => {
    expect(
      personSchema.parse({
        ...mario,
        firstName: '  Mario ',
        taxCode: ' rssmra80a01h501u ',
        email: ' mario@example.it ',
        phone: '340 123 4567',
      }),
    ).toEqual({ ...mario, email: 'mario@example.it', phone: '+393401234567' });
  });

  test('treats blank optional fields as absent', () => {
    expect(personSchema.parse({ ...mario, email: '', pec: '  ', phone: '' })).toEqual(mario);
  });

  test.each([
    [{ ...mario, taxCode: 'RSSMRA80A01H501X' }, 'taxCode', 'INVALID_TAX_CODE'],
    [{ ...mario, taxCode: '' }, 'taxCode', 'REQUIRED'],
    [{ ...mario, taxCode: undefined }, 'taxCode', 'REQUIRED'],
    [{ ...mario, email: 'not-an-email' }, 'email', 'INVALID_EMAIL'],
    [{ ...mario, pec: 'mario@pec' }, 'pec', 'INVALID_EMAIL'],
    [{ ...mario, phone: '12345' }, 'phone', 'INVALID_PHONE'],
    [{ ...mario, firstName: '' }, 'firstName', 'REQUIRED'],
    [{ ...mario, firstName: '   ' }, 'firstName', 'REQUIRED'],
    [{ ...mario, lastName: undefined }, 'lastName', 'REQUIRED'],
    [{ ...mario, lastName: 'R'.repeat(101) }, 'lastName', 'TOO_LONG'],
  ])('reports %j at %s as %s', (input, path, code) => {
    expect(issuesOf(personSchema, input)).toEqual([{ path, code }]);
  });

  test('accepts names of exactly 100 characters', () => {
    expect(personSchema.safeParse({ ...mario, lastName: 'R'.repeat(100) }).success).toBe(true);
  });
});

describe('companySchema', () => {
  test('strips the IT prefix of the VAT number and normalizes the optional tax code', () => {
    expect(companySchema.parse({ ...alfa, vatNumber: 'IT 00743110157', taxCode: ' 00743110157 ' })).toEqual({
      ...alfa,
      taxCode: '00743110157',
    });
  });

  test("accepts the owner's personal tax code (sole proprietorship)", () => {
    expect(companySchema.parse({ ...alfa, taxCode: 'rssmra80a01h501u' }).taxCode).toBe('RSSMRA80A01H501U');
  });

  test.each([
    [{ ...alfa, vatNumber: '01234567897' }, 'vatNumber', 'INVALID_VAT_NUMBER'],
    [{ ...alfa, vatNumber: '00743110158' }, 'vatNumber', 'INVALID_VAT_NUMBER'],
    [{ ...alfa, vatNumber: '' }, 'vatNumber', 'REQUIRED'],
    [{ ...alfa, taxCode: '00743110158' }, 'taxCode', 'INVALID_TAX_CODE'],
    [{ ...alfa, companyName: '' }, 'companyName', 'REQUIRED'],
    [{ ...alfa, companyName: 'A'.repeat(201) }, 'companyName', 'TOO_LONG'],
    [{ ...alfa, pec: 'alfa.pec.it' }, 'pec', 'INVALID_EMAIL'],
  ])('reports %j at %s as %s', (input, path, code) => {
    expect(issuesOf(companySchema, input)).toEqual([{ path, code }]);
  });
});

describe('lawyerSchema', () => {
  const lawyer = { firstName: 'Anna', lastName: 'Verdi', taxCode: 'CNTCHR83T41D969D', pec: 'anna.verdi@pec.it' };

  test('accepts a lawyer with a PEC address', () => {
    expect(lawyerSchema.parse(lawyer)).toEqual(lawyer);
  });

  test.each([
    [{ ...lawyer, pec: undefined }, 'pec', 'REQUIRED'],
    [{ ...lawyer, pec: '' }, 'pec', 'REQUIRED'],
    [{ ...lawyer, taxCode: 'CNTCHR83T41D969A' }, 'taxCode', 'INVALID_TAX_CODE'],
  ])('reports %j at %s as %s', (input, path, code) => {
    expect(issuesOf(lawyerSchema, input)).toEqual([{ path, code }]);
  });
});

describe('partyInputSchema', () => {
  test('accepts a person party with a lawyer and a company party without', () => {
    const lawyer = { firstName: 'Anna', lastName: 'Verdi', taxCode: 'CNTCHR83T41D969D', pec: 'anna@pec.it' };
    expect(partyInputSchema.parse({ role: 'applicant', person: mario, lawyer })).toEqual({
      role: 'applicant',
      person: mario,
      lawyer,
    });
    expect(partyInputSchema.parse({ role: 'invited', person: alfa })).toEqual({ role: 'invited', person: alfa });
  });

  test('validates the person against the schema of its kind', () => {
    expect(issuesOf(partyInputSchema, { role: 'invited', person: { ...alfa, vatNumber: '123' } })).toEqual([
      { path: 'person.vatNumber', code: 'INVALID_VAT_NUMBER' },
    ]);
    // A company shape declared as a person fails on the person's required fields.
    const paths = issuesOf(partyInputSchema, { role: 'invited', person: { ...alfa, kind: 'person' } }).map(
      (i) => i.path,
    );
    expect(paths).toEqual(expect.arrayContaining(['person.firstName', 'person.lastName', 'person.taxCode']));
  });

  test('rejects an unknown kind and an unknown role', () => {
    expect(partyInputSchema.safeParse({ role: 'applicant', person: { ...mario, kind: 'robot' } }).success).toBe(false);
    expect(partyInputSchema.safeParse({ role: 'mediator', person: mario }).success).toBe(false);
  });
});
