import type { z } from 'zod';
import {
  filingSchema,
  findMatter,
  isKnownMatter,
  isMandatoryMatter,
  matters,
  mediationTypeCodes,
  mediationTypes,
} from './matters';

function issuesOf(schema: z.ZodType, input: unknown): { path: string; code: string }[] {
  const result = schema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((i) => ({ path: i.path.join('.'), code: i.message }));
}

describe('matters', () => {
  test('lists the 21 matters of art. 5 c.1 as mandatory, plus a non-mandatory "altro"', () => {
    expect(matters).toHaveLength(22);
    expect(matters.filter((m) => m.mandatory)).toHaveLength(21);
    expect(matters.filter((m) => !m.mandatory).map((m) => m.code)).toEqual(['altro']);
  });

  test('codes are unique lower snake_case and every label has Italian and English text', () => {
    const codes = matters.map((m) => m.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const m of matters) {
      expect(m.code).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(m.label.it.length).toBeGreaterThan(0);
      expect(m.label.en.length).toBeGreaterThan(0);
    }
  });

  test.each([
    // Pre-Cartabia list
    'condominio',
    'diritti_reali',
    'divisione',
    'successioni_ereditarie',
    'patti_di_famiglia',
    'locazione',
    'comodato',
    'affitto_di_aziende',
    'responsabilita_medica',
    'diffamazione',
    'contratti_assicurativi',
    'contratti_bancari',
    'contratti_finanziari',
    // Added from 30 June 2023
    'associazione_in_partecipazione',
    'consorzio',
    'franchising',
    'opera',
    'rete',
    'somministrazione',
    'societa_di_persone',
    'subfornitura',
  ])('%s is a mandatory matter', (code) => {
    expect(isKnownMatter(code)).toBe(true);
    expect(isMandatoryMatter(code)).toBe(true);
  });

  test('altro is known and not mandatory; unknown codes are neither', () => {
    expect(isKnownMatter('altro')).toBe(true);
    expect(isMandatoryMatter('altro')).toBe(false);
    expect(isKnownMatter('lavoro')).toBe(false);
    expect(isMandatoryMatter('lavoro')).toBe(false);
    expect(findMatter('condominio')).toEqual({
      code: 'condominio',
      mandatory: true,
      label: { it: 'Condominio', en: 'Condominium' },
    });
    expect(findMatter('Condominio')).toBeUndefined();
  });
});

describe('mediationTypes', () => {
  test('are the four kinds of the spec, each with Italian and English labels', () => {
    expect(mediationTypeCodes).toEqual(['OBBLIGATORIA', 'DEMANDATA', 'CLAUSOLA', 'VOLONTARIA']);
    for (const t of mediationTypes) {
      expect(t.label.it.length).toBeGreaterThan(0);
      expect(t.label.en.length).toBeGreaterThan(0);
    }
  });
});

describe('filingSchema', () => {
  const applicant = {
    role: 'applicant',
    person: { kind: 'person', firstName: 'Mario', lastName: 'Rossi', taxCode: 'RSSMRA80A01H501U' },
  };
  const invited = {
    role: 'invited',
    person: { kind: 'company', companyName: 'Alfa S.r.l.', vatNumber: '00743110157' },
  };
  const filing = {
    mediationType: 'OBBLIGATORIA',
    matter: 'condominio',
    subject: 'Ripartizione spese straordinarie',
    facts: 'Il condominio ha deliberato…',
    valueCents: 1_500_000,
    parties: [applicant, invited],
  };

  test('accepts the example filing and defaults valueIndeterminable to false', () => {
    expect(filingSchema.parse(filing)).toEqual({ ...filing, valueIndeterminable: false });
  });

  test('normalizes nested parties (trimmed names, upper-case tax codes)', () => {
    const parsed = filingSchema.parse({
      ...filing,
      subject: '  Spese  ',
      parties: [
        { ...applicant, person: { ...applicant.person, taxCode: 'rssmra80a01h501u', lastName: ' Rossi ' } },
        invited,
      ],
    });
    expect(parsed.subject).toBe('Spese');
    expect(parsed.parties[0]?.person).toMatchObject({ taxCode: 'RSSMRA80A01H501U', lastName: 'Rossi' });
  });

  test.each([
    ['no applicant', { parties: [invited] }, [{ path: 'parties', code: 'APPLICANT_REQUIRED' }]],
    ['no invited party', { parties: [applicant, applicant] }, [{ path: 'parties', code: 'INVITED_PARTY_REQUIRED' }]],
    [
      'no parties at all',
      { parties: [] },
      [
        { path: 'parties', code: 'APPLICANT_REQUIRED' },
        { path: 'parties', code: 'INVITED_PARTY_REQUIRED' },
      ],
    ],
    [
      'more than 50 parties',
      { parties: [applicant, ...Array(50).fill(invited)] },
      [{ path: 'parties', code: 'TOO_MANY_PARTIES' }],
    ],
    ['no value and not indeterminable', { valueCents: undefined }, [{ path: 'valueCents', code: 'VALUE_REQUIRED' }]],
    [
      'no value and explicitly determinable',
      { valueCents: undefined, valueIndeterminable: false },
      [{ path: 'valueCents', code: 'VALUE_REQUIRED' }],
    ],
    ['a negative value', { valueCents: -1 }, [{ path: 'valueCents', code: 'INVALID_VALUE' }]],
    ['a fractional value', { valueCents: 10.5 }, [{ path: 'valueCents', code: 'INVALID_VALUE' }]],
    ['a value as a string', { valueCents: '1000' }, [{ path: 'valueCents', code: 'INVALID_VALUE' }]],
    ['an unknown matter', { matter: 'lavoro' }, [{ path: 'matter', code: 'UNKNOWN_MATTER' }]],
    ['a matter in the wrong case', { matter: 'Condominio' }, [{ path: 'matter', code: 'UNKNOWN_MATTER' }]],
    [
      'a mandatory mediation in a non-mandatory matter',
      { matter: 'altro' },
      [{ path: 'matter', code: 'MATTER_NOT_MANDATORY' }],
    ],
    [
      'an unknown mediation type',
      { mediationType: 'obbligatoria' },
      [{ path: 'mediationType', code: 'UNKNOWN_MEDIATION_TYPE' }],
    ],
    ['an empty subject', { subject: ' ' }, [{ path: 'subject', code: 'REQUIRED' }]],
    ['a subject over 300 characters', { subject: 's'.repeat(301) }, [{ path: 'subject', code: 'TOO_LONG' }]],
    ['missing facts', { facts: undefined }, [{ path: 'facts', code: 'REQUIRED' }]],
    ['facts over 20000 characters', { facts: 'f'.repeat(20_001) }, [{ path: 'facts', code: 'TOO_LONG' }]],
    [
      'an invalid party tax code',
      { parties: [{ ...applicant, person: { ...applicant.person, taxCode: 'RSSMRA80A01H501X' } }, invited] },
      [{ path: 'parties.0.person.taxCode', code: 'INVALID_TAX_CODE' }],
    ],
  ])('refuses %s', (_name, change, expected) => {
    expect(issuesOf(filingSchema, { ...filing, ...change })).toEqual(expected);
  });

  test.each([
    ['a value of zero', { valueCents: 0 }],
    ['no value when indeterminable', { valueCents: undefined, valueIndeterminable: true }],
    ['a subject of exactly 300 characters', { subject: 's'.repeat(300) }],
    ['facts of exactly 20000 characters', { facts: 'f'.repeat(20_000) }],
    ['50 parties', { parties: [applicant, ...Array(49).fill(invited)] }],
    ['a mandatory matter added by Cartabia', { matter: 'franchising' }],
    ['a court-referred mediation in a non-mandatory matter', { mediationType: 'DEMANDATA', matter: 'altro' }],
    ['a clause-based mediation in a non-mandatory matter', { mediationType: 'CLAUSOLA', matter: 'altro' }],
    ['a voluntary mediation in a non-mandatory matter', { mediationType: 'VOLONTARIA', matter: 'altro' }],
    ['a voluntary mediation in a mandatory matter', { mediationType: 'VOLONTARIA', matter: 'locazione' }],
  ])('accepts %s', (_name, change) => {
    expect(issuesOf(filingSchema, { ...filing, ...change })).toEqual([]);
  });

  test('reports every filing rule broken at once', () => {
    const codes = issuesOf(filingSchema, { ...filing, matter: 'altro', valueCents: undefined, parties: [] }).map(
      (i) => i.code,
    );
    expect(codes.sort()).toEqual([
      'APPLICANT_REQUIRED',
      'INVITED_PARTY_REQUIRED',
      'MATTER_NOT_MANDATORY',
      'VALUE_REQUIRED',
    ]);
  });
});
