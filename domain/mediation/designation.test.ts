import {
  chooseMediator,
  DesignationError,
  designationCriteriaSchema,
  ineligibilityOf,
  mediatorCandidateSchema,
  type DesignationContext,
  type DesignationCriteria,
  type MediatorCandidate,
} from './designation';

function candidate(id: string, overrides: Partial<MediatorCandidate> = {}): MediatorCandidate {
  return {
    id,
    competences: ['condominio', 'locazione'],
    available: true,
    activeCases: 2,
    lastAssignedAt: '2026-01-10T09:00:00.000Z',
    ...overrides,
  };
}

const context: DesignationContext = { matter: 'condominio', partySubjectIds: ['p-1', 'p-2'], excluded: [] };

/** Runs `fn` and returns the DesignationError it throws (fails the test otherwise). */
function designationError(fn: () => unknown): DesignationError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DesignationError) return err;
    throw err;
  }
  throw new Error('expected a DesignationError');
}

describe('ineligibilityOf', () => {
  test.each<[string, Partial<MediatorCandidate>, Partial<DesignationContext>, string[]]>([
    ['an available, competent, compatible mediator', {}, {}, []],
    ['an unavailable one', { available: false }, {}, ['NOT_AVAILABLE']],
    ['one not competent for the matter', { competences: ['locazione'] }, {}, ['NOT_COMPETENT']],
    ['one incompatible with a party', { incompatibleWith: ['p-2'] }, {}, ['INCOMPATIBLE']],
    ['one incompatible with someone else only', { incompatibleWith: ['p-9'] }, {}, []],
    ['one who refused this case', {}, { excluded: ['m-a'] }, ['EXCLUDED']],
    [
      'one with every problem',
      { available: false, competences: [], incompatibleWith: ['p-1'] },
      { excluded: ['m-a'] },
      ['EXCLUDED', 'NOT_AVAILABLE', 'NOT_COMPETENT', 'INCOMPATIBLE'],
    ],
  ])('%s → %j', (_what, overrides, ctx, expected) => {
    expect(ineligibilityOf(candidate('m-a', overrides), { ...context, ...ctx })).toEqual(expected);
  });
});

describe('chooseMediator — rotation', () => {
  const rotation: DesignationCriteria = { criterion: 'rotation' };

  test.each<[string, MediatorCandidate[], Partial<DesignationContext>, string]>([
    [
      'the one designated least recently',
      [
        candidate('m-a', { lastAssignedAt: '2026-02-01T09:00:00Z' }),
        candidate('m-b', { lastAssignedAt: '2025-12-01T09:00:00Z' }),
        candidate('m-c', { lastAssignedAt: '2026-01-15T09:00:00Z' }),
      ],
      {},
      'm-b',
    ],
    [
      'a never-designated mediator first',
      [candidate('m-a', { lastAssignedAt: '2025-01-01T09:00:00Z' }), candidate('m-z', { lastAssignedAt: null })],
      {},
      'm-z',
    ],
    [
      'ties by fewest active cases',
      [
        candidate('m-a', { activeCases: 4 }),
        candidate('m-b', { activeCases: 1 }),
        candidate('m-c', { activeCases: 3 }),
      ],
      {},
      'm-b',
    ],
    ['then by id', [candidate('m-c'), candidate('m-a'), candidate('m-b')], {}, 'm-a'],
    [
      'skipping the unavailable, the non-competent and the incompatible',
      [
        candidate('m-a', { lastAssignedAt: null, available: false }),
        candidate('m-b', { lastAssignedAt: null, competences: ['locazione'] }),
        candidate('m-c', { lastAssignedAt: null, incompatibleWith: ['p-1'] }),
        candidate('m-d', { lastAssignedAt: '2026-03-01T09:00:00Z' }),
      ],
      {},
      'm-d',
    ],
    [
      're-designation skips the mediator who refused or did not answer',
      [candidate('m-a', { lastAssignedAt: null }), candidate('m-b')],
      { excluded: ['m-a'] },
      'm-b',
    ],
    [
      'within the competence of the case',
      [
        candidate('m-a', { lastAssignedAt: null, competences: ['condominio'] }),
        candidate('m-b', { competences: ['locazione'] }),
      ],
      { matter: 'locazione' },
      'm-b',
    ],
  ])('designates %s', (_what, candidates, ctx, expected) => {
    expect(chooseMediator(candidates, rotation, { ...context, ...ctx }).mediatorId).toBe(expected);
  });

  test('explains the choice in Italian and English, with the date in Rome', () => {
    const result = chooseMediator(
      [
        candidate('m-a', { lastAssignedAt: '2026-01-31T23:30:00Z', activeCases: 1 }),
        candidate('m-b', { lastAssignedAt: null }),
      ],
      rotation,
      { ...context, excluded: ['m-b'] },
    );
    expect(result).toEqual({
      mediatorId: 'm-a',
      criterion: 'rotation',
      reason: {
        it:
          'Designato per rotazione (DM 150/2023, art. 22, lett. e): tra 1 mediatore disponibile, competente per la materia ' +
          "«Condominio» e senza incompatibilità con le parti, è quello con l'incarico meno recente (ultimo incarico il " +
          '01/02/2026; 1 procedimenti in corso). Escluso 1 mediatore che ha rifiutato o non ha risposto.',
        en:
          'Designated by rotation (DM 150/2023, art. 22(e)): among 1 mediator available, competent for «Condominium» and ' +
          'free of incompatibilities with the parties, the one designated least recently (last designated on 2026-02-01; ' +
          '1 active cases). 1 mediator who refused or did not answer was excluded.',
      },
    });
  });

  test('refuses when nobody is eligible, saying why for each candidate', () => {
    const err = designationError(() =>
      chooseMediator(
        [candidate('m-a', { available: false }), candidate('m-b', { competences: [] }), candidate('m-c')],
        rotation,
        { ...context, excluded: ['m-c'] },
      ),
    );
    expect(err.code).toBe('NO_ELIGIBLE_MEDIATOR');
    expect(err.fields).toEqual([
      { path: 'candidates.0', code: 'NOT_AVAILABLE' },
      { path: 'candidates.1', code: 'NOT_COMPETENT' },
      { path: 'candidates.2', code: 'EXCLUDED' },
    ]);
  });

  test('refuses with no candidates at all', () => {
    expect(designationError(() => chooseMediator([], rotation, context)).code).toBe('NO_ELIGIBLE_MEDIATOR');
  });

  test('does not reorder the caller’s array', () => {
    const candidates = [candidate('m-b'), candidate('m-a', { lastAssignedAt: null })];
    chooseMediator(candidates, rotation, context);
    expect(candidates.map((c) => c.id)).toEqual(['m-b', 'm-a']);
  });

  test('rejects a corrupt lastAssignedAt instead of guessing', () => {
    expect(() => chooseMediator([candidate('m-a', { lastAssignedAt: 'yesterday' })], rotation, context)).toThrow(
      RangeError,
    );
  });
});

describe('chooseMediator — availability', () => {
  const availability: DesignationCriteria = { criterion: 'availability' };

  test.each<[string, MediatorCandidate[], string]>([
    [
      'the one with the fewest active cases, even if designated recently',
      [
        candidate('m-a', { activeCases: 5, lastAssignedAt: null }),
        candidate('m-b', { activeCases: 0, lastAssignedAt: '2026-03-01T09:00:00Z' }),
      ],
      'm-b',
    ],
    [
      'ties by least recent designation',
      [
        candidate('m-a', { activeCases: 1, lastAssignedAt: '2026-03-01T09:00:00Z' }),
        candidate('m-b', { activeCases: 1, lastAssignedAt: '2026-02-01T09:00:00Z' }),
      ],
      'm-b',
    ],
    ['then by id', [candidate('m-b', { activeCases: 1 }), candidate('m-a', { activeCases: 1 })], 'm-a'],
    [
      'among available competent mediators only',
      [
        candidate('m-a', { activeCases: 0, available: false }),
        candidate('m-b', { activeCases: 0, competences: ['divisione'] }),
        candidate('m-c', { activeCases: 7 }),
      ],
      'm-c',
    ],
  ])('designates %s', (_what, candidates, expected) => {
    const result = chooseMediator(candidates, availability, context);
    expect(result.mediatorId).toBe(expected);
    expect(result.criterion).toBe('availability');
  });

  test('explains the choice', () => {
    const result = chooseMediator([candidate('m-a', { activeCases: 0 }), candidate('m-b')], availability, context);
    expect(result.reason.it).toBe(
      'Designato per disponibilità: tra 2 mediatori disponibili, competenti per la materia «Condominio» e senza ' +
        'incompatibilità con le parti, è quello con meno procedimenti in corso (0).',
    );
    expect(result.reason.en).toBe(
      'Designated by availability: among 2 mediators available, competent for «Condominium» and free of ' +
        'incompatibilities with the parties, the one with the fewest active cases (0).',
    );
  });

  test('refuses when nobody is eligible', () => {
    const err = designationError(() =>
      chooseMediator([candidate('m-a', { incompatibleWith: ['p-1'] })], availability, context),
    );
    expect(err.code).toBe('NO_ELIGIBLE_MEDIATOR');
    expect(err.fields).toEqual([{ path: 'candidates.0', code: 'INCOMPATIBLE' }]);
  });
});

describe('chooseMediator — manual', () => {
  const candidates = [candidate('m-a', { lastAssignedAt: null }), candidate('m-b')];

  test('designates the chosen mediator, records the reason and whom rotation would have chosen', () => {
    const result = chooseMediator(
      candidates,
      { criterion: 'manual', mediatorId: 'm-b', reason: '  Indicazione concorde delle parti  ' },
      context,
    );
    expect(result).toEqual({
      mediatorId: 'm-b',
      criterion: 'manual',
      rotationCandidateId: 'm-a',
      reason: {
        it:
          "Designato manualmente dal responsabile dell'organismo, motivazione: «Indicazione concorde delle parti». " +
          'Il mediatore è disponibile, competente per la materia «Condominio» e senza incompatibilità con le parti. ' +
          'La rotazione avrebbe designato m-a.',
        en:
          'Designated manually by the head of the body, reason: «Indicazione concorde delle parti». The mediator is ' +
          'available, competent for «Condominium» and free of incompatibilities with the parties. Rotation would have ' +
          'designated m-a.',
      },
    });
  });

  test('says when the manual choice matches rotation', () => {
    const result = chooseMediator(
      candidates,
      { criterion: 'manual', mediatorId: 'm-a', reason: 'Esperienza specifica' },
      context,
    );
    expect(result.rotationCandidateId).toBe('m-a');
    expect(result.reason.en).toMatch(/Same as the designation by rotation\.$/);
  });

  test.each([[''], ['   '], ['\n\t']])('requires a reason (%j)', (reason) => {
    const err = designationError(() =>
      chooseMediator(candidates, { criterion: 'manual', mediatorId: 'm-a', reason }, context),
    );
    expect(err.code).toBe('MANUAL_CHOICE_REASON_REQUIRED');
    expect(err.fields).toEqual([{ path: 'reason', code: 'REQUIRED' }]);
  });

  test.each<[string, MediatorCandidate[], Partial<DesignationContext>, string, string[]]>([
    ['an unknown mediator', candidates, {}, 'm-x', ['UNKNOWN_MEDIATOR']],
    ['an unavailable mediator', [candidate('m-a', { available: false })], {}, 'm-a', ['NOT_AVAILABLE']],
    [
      'a mediator not competent for the matter',
      [candidate('m-a', { competences: ['divisione'] })],
      {},
      'm-a',
      ['NOT_COMPETENT'],
    ],
    [
      'a mediator incompatible with a party',
      [candidate('m-a', { incompatibleWith: ['p-2'] })],
      {},
      'm-a',
      ['INCOMPATIBLE'],
    ],
    ['the mediator who refused', candidates, { excluded: ['m-a'] }, 'm-a', ['EXCLUDED']],
    [
      'a mediator with several problems',
      [candidate('m-a', { available: false, incompatibleWith: ['p-1'] })],
      {},
      'm-a',
      ['NOT_AVAILABLE', 'INCOMPATIBLE'],
    ],
  ])('refuses %s', (_what, list, ctx, mediatorId, codes) => {
    const err = designationError(() =>
      chooseMediator(
        list,
        { criterion: 'manual', mediatorId, reason: 'Scelta del responsabile' },
        { ...context, ...ctx },
      ),
    );
    expect(err.code).toBe('MEDIATOR_NOT_ELIGIBLE');
    expect(err.fields).toEqual(codes.map((code) => ({ path: 'mediatorId', code })));
  });

  test('a manual choice is possible when rotation has nobody else', () => {
    const result = chooseMediator(
      [candidate('m-a')],
      { criterion: 'manual', mediatorId: 'm-a', reason: 'Unico competente' },
      context,
    );
    expect(result.rotationCandidateId).toBe('m-a');
  });

  test('an unknown matter code is shown as is', () => {
    const result = chooseMediator(
      [candidate('m-a', { competences: ['mat-x'] })],
      { criterion: 'manual', mediatorId: 'm-a', reason: 'Motivo' },
      { ...context, matter: 'mat-x' },
    );
    expect(result.reason.en).toContain('competent for «mat-x»');
  });
});

describe('input schemas', () => {
  test('accept a candidate as stored and the three criteria', () => {
    expect(mediatorCandidateSchema.safeParse(candidate('m-a', { incompatibleWith: ['p-1'] })).success).toBe(true);
    expect(mediatorCandidateSchema.safeParse(candidate('m-a', { lastAssignedAt: null })).success).toBe(true);
    for (const c of [
      { criterion: 'rotation' },
      { criterion: 'availability' },
      { criterion: 'manual', mediatorId: 'm-a', reason: 'x' },
    ]) {
      expect(designationCriteriaSchema.safeParse(c).success).toBe(true);
    }
  });

  test.each([
    [{ ...candidate('m-a'), lastAssignedAt: 'yesterday' }],
    [{ ...candidate('m-a'), activeCases: -1 }],
    [{ ...candidate('m-a'), id: '' }],
  ])('refuse the candidate %j', (input) => {
    expect(mediatorCandidateSchema.safeParse(input).success).toBe(false);
  });

  test('refuse an unknown criterion', () => {
    expect(designationCriteriaSchema.safeParse({ criterion: 'lottery' }).success).toBe(false);
  });
});
