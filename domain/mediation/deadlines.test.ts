import {
  adhesionDeadline,
  assertMeetingWithinWindow,
  DeadlineRuleError,
  defaultDeadlinePolicy,
  easterSunday,
  firstMeetingWindow,
  isNonWorkingDay,
  italianPublicHolidays,
  listDeadlines,
  mediatorAnswerDeadline,
  nextDeadline,
  parseDeadlinePolicy,
  procedureEnd,
  proposalReplyDeadline,
  type DeadlineCaseState,
  type Extension,
} from './deadlines';

const at = (iso: string) => new Date(iso);
const shifting = parseDeadlinePolicy({ shiftFromHolidays: true });

/** Runs `fn` and returns the DeadlineRuleError it throws (fails the test otherwise). */
function ruleError(fn: () => unknown): DeadlineRuleError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DeadlineRuleError) return err;
    throw err;
  }
  throw new Error('expected a DeadlineRuleError');
}

describe('deadline policy', () => {
  test('defaults are the legal values and the documented choices', () => {
    expect(defaultDeadlinePolicy).toMatchObject({
      zone: 'Europe/Rome',
      firstMeetingMinDays: 20,
      firstMeetingMaxDays: 40,
      durationMonths: 6,
      maxExtensionMonths: 3,
      demandataMaxExtensions: 1,
      proposalReplyDays: 7,
      mediatorAnswerDays: 3,
      adhesionDays: 15,
      adhesionCutoffDaysBeforeMeeting: 1,
      reminderHour: 9,
      shiftFromHolidays: false,
      saturdayIsHoliday: true,
      extraHolidays: [],
    });
    expect(defaultDeadlinePolicy.reminderLeadDays.PROCEDURE_END).toEqual([7, 2]);
    expect(Object.isFrozen(defaultDeadlinePolicy)).toBe(true);
  });

  test("a body's partial configuration keeps the other defaults", () => {
    const policy = parseDeadlinePolicy({ mediatorAnswerDays: 5, reminderLeadDays: { PROCEDURE_END: [30, 7] } });
    expect(policy.mediatorAnswerDays).toBe(5);
    expect(policy.adhesionDays).toBe(15);
    expect(policy.reminderLeadDays.PROCEDURE_END).toEqual([30, 7]);
    expect(policy.reminderLeadDays.ADHESION).toEqual([7, 2]);
  });

  test.each([
    [{ zone: 'Europe/Atlantis' }],
    [{ firstMeetingMinDays: 41 }],
    [{ mediatorAnswerDays: 0 }],
    [{ proposalReplyDays: 2.5 }],
    [{ extraHolidays: ['2026-13-01'] }],
    [{ reminderHour: 24 }],
  ])('refuses the configuration %j', (input) => {
    expect(() => parseDeadlinePolicy(input)).toThrow();
  });
});

describe('easterSunday', () => {
  test.each([
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2029, '2029-04-01'],
    [2038, '2038-04-25'],
    [2100, '2100-03-28'],
    [2285, '2285-03-22'],
  ])('%i → %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  test.each([[1582], [2026.5], [Number.NaN]])('refuses the year %p', (year) => {
    expect(() => easterSunday(year)).toThrow(RangeError);
  });
});

describe('italianPublicHolidays', () => {
  test('lists the national holidays with Easter Monday, sorted', () => {
    expect(italianPublicHolidays(2027)).toEqual([
      '2027-01-01',
      '2027-01-06',
      '2027-03-28',
      '2027-03-29',
      '2027-04-25',
      '2027-05-01',
      '2027-06-02',
      '2027-08-15',
      '2027-10-04',
      '2027-11-01',
      '2027-12-08',
      '2027-12-25',
      '2027-12-26',
    ]);
  });

  test('4 October is a holiday from 2026 only (L. 151/2025)', () => {
    expect(italianPublicHolidays(2025)).not.toContain('2025-10-04');
    expect(italianPublicHolidays(2026)).toContain('2026-10-04');
  });
});

describe('isNonWorkingDay', () => {
  test.each([
    ['2027-05-12', false, 'a Wednesday'],
    ['2027-05-09', true, 'a Sunday'],
    ['2027-05-08', true, 'a Saturday (art. 155 c.5)'],
    ['2027-03-29', true, 'Easter Monday'],
    ['2027-03-28', true, 'Easter Sunday'],
    ['2026-04-06', true, 'Easter Monday 2026'],
    ['2026-04-13', false, 'the Monday after'],
    ['2027-12-26', true, 'Santo Stefano'],
  ])('%s → %p (%s)', (day, expected) => {
    expect(isNonWorkingDay(day, shifting)).toBe(expected);
  });

  test('Saturdays are working days when the body says so', () => {
    expect(isNonWorkingDay('2027-05-08', parseDeadlinePolicy({ saturdayIsHoliday: false }))).toBe(false);
  });

  test("a body's extra holidays, yearly or one-off", () => {
    const milan = parseDeadlinePolicy({ extraHolidays: ['12-07', '2027-06-21'] });
    expect(isNonWorkingDay('2027-12-07', milan)).toBe(true);
    expect(isNonWorkingDay('2028-12-07', milan)).toBe(true);
    expect(isNonWorkingDay('2027-06-21', milan)).toBe(true);
    expect(isNonWorkingDay('2028-06-21', milan)).toBe(false);
  });
});

describe('firstMeetingWindow', () => {
  test.each([
    // filedAt, earliest, latest, opensAt, closesAt, what it shows
    [
      '2026-03-02T10:00:00Z',
      '2026-03-22',
      '2026-04-11',
      '2026-03-21T23:00:00.000Z',
      '2026-04-11T21:59:59.999Z',
      'closes after the spring DST change',
    ],
    [
      '2026-03-09T12:00:00Z',
      '2026-03-29',
      '2026-04-18',
      '2026-03-28T23:00:00.000Z',
      '2026-04-18T21:59:59.999Z',
      'opens on the DST change day',
    ],
    [
      '2026-10-01T08:00:00Z',
      '2026-10-21',
      '2026-11-10',
      '2026-10-20T22:00:00.000Z',
      '2026-11-10T22:59:59.999Z',
      'closes after the autumn DST change',
    ],
    [
      '2026-12-15T09:00:00Z',
      '2027-01-04',
      '2027-01-24',
      '2027-01-03T23:00:00.000Z',
      '2027-01-24T22:59:59.999Z',
      'across the year end',
    ],
    [
      '2026-03-31T22:30:00Z',
      '2026-04-21',
      '2026-05-11',
      '2026-04-20T22:00:00.000Z',
      '2026-05-11T21:59:59.999Z',
      'filed at 00:30 of 1 April in Rome',
    ],
    [
      '2026-12-31T23:30:00Z',
      '2027-01-21',
      '2027-02-10',
      '2027-01-20T23:00:00.000Z',
      '2027-02-10T22:59:59.999Z',
      'filed at 00:30 of 1 January 2027 in Rome',
    ],
    [
      '2026-07-10T07:00:00Z',
      '2026-07-30',
      '2026-08-19',
      '2026-07-29T22:00:00.000Z',
      '2026-08-19T21:59:59.999Z',
      'August is not suspended',
    ],
    [
      '2028-02-09T12:00:00Z',
      '2028-02-29',
      '2028-03-20',
      '2028-02-28T23:00:00.000Z',
      '2028-03-20T22:59:59.999Z',
      'leap day',
    ],
  ])('filed %s → [%s, %s] (%s)', (filedAt, earliest, latest, opensAt, closesAt) => {
    const w = firstMeetingWindow(at(filedAt));
    expect(w).toEqual({ earliest, latest, opensAt: at(opensAt), closesAt: at(closesAt) });
  });

  test('with shiftFromHolidays the last day moves past the weekend; the first day never moves', () => {
    // filed Monday 5 April 2027: day 20 is Sunday 25 April, day 40 Saturday 15 May
    expect(firstMeetingWindow(at('2027-04-05T08:00:00Z'))).toMatchObject({
      earliest: '2027-04-25',
      latest: '2027-05-15',
    });
    expect(firstMeetingWindow(at('2027-04-05T08:00:00Z'), shifting)).toMatchObject({
      earliest: '2027-04-25',
      latest: '2027-05-17',
      closesAt: at('2027-05-17T21:59:59.999Z'),
    });
  });

  test('refuses an invalid date', () => {
    expect(() => firstMeetingWindow(new Date('nope'))).toThrow(RangeError);
  });
});

describe('assertMeetingWithinWindow', () => {
  const filedAt = at('2026-03-02T10:00:00Z'); // window [2026-03-22, 2026-04-11]

  test.each([
    ['2026-03-22T07:00:00Z', 'the first day of the window'],
    ['2026-03-21T23:30:00Z', '00:30 of the first day in Rome'],
    ['2026-04-11T21:30:00Z', '23:30 of the last day in Rome'],
  ])('accepts a meeting at %s (%s)', (meetingAt) => {
    expect(() => assertMeetingWithinWindow(at(meetingAt), filedAt)).not.toThrow();
  });

  test.each([
    ['2026-03-21T22:30:00Z', 'TOO_EARLY', '23:30 of the 19th day in Rome'],
    ['2026-03-10T09:00:00Z', 'TOO_EARLY', 'a week after filing'],
    ['2026-04-11T22:30:00Z', 'TOO_LATE', '00:30 of the 41st day in Rome'],
    ['2026-05-20T09:00:00Z', 'TOO_LATE', 'day 79'],
    ['2026-03-01T09:00:00Z', 'BEFORE_FILING', 'before the filing'],
  ])('refuses a meeting at %s with %s (%s)', (meetingAt, code) => {
    const err = ruleError(() => assertMeetingWithinWindow(at(meetingAt), filedAt));
    expect(err.code).toBe('MEETING_OUTSIDE_LEGAL_WINDOW');
    expect(err.fields).toEqual([{ path: 'meetingAt', code }]);
  });

  test('accepts any later date the parties concordantly indicated', () => {
    expect(() =>
      assertMeetingWithinWindow(at('2026-05-20T09:00:00Z'), filedAt, defaultDeadlinePolicy, {
        partiesAgreedOtherwise: true,
      }),
    ).not.toThrow();
    expect(() =>
      assertMeetingWithinWindow(at('2026-03-05T09:00:00Z'), filedAt, defaultDeadlinePolicy, {
        partiesAgreedOtherwise: true,
      }),
    ).not.toThrow();
  });

  test('refuses a meeting before the filing even when the parties agreed', () => {
    const err = ruleError(() =>
      assertMeetingWithinWindow(at('2026-03-01T09:00:00Z'), filedAt, defaultDeadlinePolicy, {
        partiesAgreedOtherwise: true,
      }),
    );
    expect(err.fields).toEqual([{ path: 'meetingAt', code: 'BEFORE_FILING' }]);
  });
});

describe('procedureEnd', () => {
  const policy = defaultDeadlinePolicy;

  test.each<[string, string, Extension[], string, string, string]>([
    [
      '2026-03-15T10:00:00Z',
      'VOLONTARIA',
      [],
      '2026-09-15',
      '2026-09-15T21:59:59.999Z',
      'six calendar months, summer time',
    ],
    [
      '2026-02-15T10:00:00Z',
      'OBBLIGATORIA',
      [],
      '2026-08-15',
      '2026-08-15T21:59:59.999Z',
      'August not suspended, Ferragosto kept without shift',
    ],
    ['2026-08-31T10:00:00Z', 'VOLONTARIA', [], '2027-02-28', '2027-02-28T22:59:59.999Z', '31 August → end of February'],
    ['2027-08-31T10:00:00Z', 'VOLONTARIA', [], '2028-02-29', '2028-02-29T22:59:59.999Z', 'leap year'],
    ['2025-08-29T10:00:00Z', 'VOLONTARIA', [], '2026-02-28', '2026-02-28T22:59:59.999Z', '29 August in a common year'],
    [
      '2026-06-30T22:30:00Z',
      'VOLONTARIA',
      [],
      '2027-01-01',
      '2027-01-01T22:59:59.999Z',
      'filed 00:30 of 1 July in Rome, across the year end',
    ],
    [
      '2026-08-31T10:00:00Z',
      'VOLONTARIA',
      [{ months: 3 }],
      '2027-05-28',
      '2027-05-28T21:59:59.999Z',
      'extension runs from the clamped expiry',
    ],
    [
      '2027-07-31T10:00:00Z',
      'VOLONTARIA',
      [{ months: 1 }],
      '2028-02-29',
      '2028-02-29T22:59:59.999Z',
      '31 January 2028 + 1 month',
    ],
    [
      '2027-07-31T10:00:00Z',
      'VOLONTARIA',
      [{ months: 1 }, { months: 3 }],
      '2028-05-29',
      '2028-05-29T21:59:59.999Z',
      'two extensions',
    ],
    [
      '2026-01-10T10:00:00Z',
      'OBBLIGATORIA',
      [{ months: 3 }, { months: 3 }, { months: 3 }],
      '2027-04-10',
      '2027-04-10T21:59:59.999Z',
      'no limit on the number outside DEMANDATA',
    ],
    [
      '2026-01-10T10:00:00Z',
      'CLAUSOLA',
      [{ months: 2 }, { months: 3 }],
      '2026-12-10',
      '2026-12-10T22:59:59.999Z',
      'CLAUSOLA like VOLONTARIA',
    ],
    [
      '2026-01-10T10:00:00Z',
      'DEMANDATA',
      [{ months: 3 }],
      '2026-10-10',
      '2026-10-10T21:59:59.999Z',
      'DEMANDATA extended once',
    ],
  ])('from %s (%s) with %j → %s (%s)', (startsAt, type, extensions, dueDate, dueAt) => {
    const end = procedureEnd(at(startsAt), extensions, policy, type as never);
    expect(end.dueDate).toBe(dueDate);
    expect(end.dueAt).toEqual(at(dueAt));
    expect(end.shiftedFrom).toBeUndefined();
  });

  test('reports the initial expiry beside the extended one', () => {
    expect(procedureEnd(at('2026-08-31T10:00:00Z'), [{ months: 3 }], policy, 'VOLONTARIA')).toMatchObject({
      initialDueDate: '2027-02-28',
      dueDate: '2027-05-28',
    });
  });

  test.each([
    ['2026-02-15T10:00:00Z', '2026-08-17', '2026-08-15', 'Saturday 15 August → Monday 17'],
    ['2026-06-30T22:30:00Z', '2027-01-04', '2027-01-01', 'New Year (Friday) → Monday 4 January'],
  ])('with shiftFromHolidays, from %s → %s', (startsAt, dueDate, shiftedFrom) => {
    expect(procedureEnd(at(startsAt), [], shifting, 'VOLONTARIA')).toMatchObject({ dueDate, shiftedFrom });
  });

  test('refuses a second extension of a DEMANDATA mediation', () => {
    const err = ruleError(() =>
      procedureEnd(at('2026-01-10T10:00:00Z'), [{ months: 3 }, { months: 1 }], policy, 'DEMANDATA'),
    );
    expect(err.code).toBe('EXTENSION_NOT_ALLOWED');
    expect(err.fields).toEqual([{ path: 'extensions.1', code: 'DEMANDATA_EXTENSION_LIMIT' }]);
  });

  test.each<[Extension[], { path: string; code: string }[]]>([
    [[{ months: 4 }], [{ path: 'extensions.0.months', code: 'EXTENSION_TOO_LONG' }]],
    [[{ months: 3 }, { months: 6 }], [{ path: 'extensions.1.months', code: 'EXTENSION_TOO_LONG' }]],
    [[{ months: 0 }], [{ path: 'extensions.0.months', code: 'EXTENSION_MONTHS_INVALID' }]],
    [[{ months: 1.5 }], [{ path: 'extensions.0.months', code: 'EXTENSION_MONTHS_INVALID' }]],
  ])('refuses the extensions %j', (extensions, fields) => {
    const err = ruleError(() => procedureEnd(at('2026-01-10T10:00:00Z'), extensions, policy, 'VOLONTARIA'));
    expect(err.code).toBe('EXTENSION_NOT_ALLOWED');
    expect(err.fields).toEqual(fields);
  });

  test('an extension agreed during the last day is in time; one agreed after midnight in Rome is not', () => {
    // expiry: end of 10 July 2026 in Rome = 21:59:59.999Z
    expect(
      procedureEnd(
        at('2026-01-10T10:00:00Z'),
        [{ months: 3, agreedAt: at('2026-07-10T21:00:00Z') }],
        policy,
        'VOLONTARIA',
      ).dueDate,
    ).toBe('2026-10-10');
    const err = ruleError(() =>
      procedureEnd(
        at('2026-01-10T10:00:00Z'),
        [{ months: 3, agreedAt: at('2026-07-10T22:30:00Z') }],
        policy,
        'VOLONTARIA',
      ),
    );
    expect(err.fields).toEqual([{ path: 'extensions.0.agreedAt', code: 'EXTENSION_AFTER_EXPIRY' }]);
  });

  test('a second extension must be agreed before the first one expires', () => {
    const start = at('2026-01-10T10:00:00Z');
    const ok = procedureEnd(
      start,
      [
        { months: 3, agreedAt: at('2026-07-01T10:00:00Z') },
        { months: 3, agreedAt: at('2026-10-09T10:00:00Z') },
      ],
      policy,
      'OBBLIGATORIA',
    );
    expect(ok.dueDate).toBe('2027-01-10');
    const err = ruleError(() =>
      procedureEnd(
        start,
        [
          { months: 3, agreedAt: at('2026-07-01T10:00:00Z') },
          { months: 3, agreedAt: at('2026-10-11T10:00:00Z') },
        ],
        policy,
        'OBBLIGATORIA',
      ),
    );
    expect(err.fields).toEqual([{ path: 'extensions.1.agreedAt', code: 'EXTENSION_AFTER_EXPIRY' }]);
  });

  test('refuses an extension agreed before the procedure started', () => {
    const err = ruleError(() =>
      procedureEnd(
        at('2026-01-10T10:00:00Z'),
        [{ months: 1, agreedAt: at('2026-01-09T10:00:00Z') }],
        policy,
        'VOLONTARIA',
      ),
    );
    expect(err.fields).toEqual([{ path: 'extensions.0.agreedAt', code: 'EXTENSION_BEFORE_START' }]);
  });

  test('reports every problem at once', () => {
    const err = ruleError(() =>
      procedureEnd(at('2026-01-10T10:00:00Z'), [{ months: 4 }, { months: 5 }], policy, 'DEMANDATA'),
    );
    expect(err.fields.map((f) => f.code).sort()).toEqual([
      'DEMANDATA_EXTENSION_LIMIT',
      'EXTENSION_TOO_LONG',
      'EXTENSION_TOO_LONG',
    ]);
  });

  test('follows a body configuration (1-month duration: 31 January 2028 → 29 February)', () => {
    const oneMonth = parseDeadlinePolicy({ durationMonths: 1 });
    expect(procedureEnd(at('2028-01-31T10:00:00Z'), [], oneMonth, 'VOLONTARIA').dueDate).toBe('2028-02-29');
  });
});

describe('proposalReplyDeadline', () => {
  test.each<[string, number | undefined, string, string, string]>([
    [
      '2026-03-25T15:00:00Z',
      undefined,
      '2026-04-01',
      '2026-04-01T21:59:59.999Z',
      'seven days across the spring DST change',
    ],
    ['2026-10-20T10:00:00Z', undefined, '2026-10-27', '2026-10-27T22:59:59.999Z', 'across the autumn DST change'],
    ['2026-12-28T10:00:00Z', undefined, '2027-01-04', '2027-01-04T22:59:59.999Z', 'across the year end'],
    [
      '2026-12-31T23:15:00Z',
      undefined,
      '2027-01-08',
      '2027-01-08T22:59:59.999Z',
      'communicated 00:15 of 1 January in Rome',
    ],
    ['2028-02-22T10:00:00Z', undefined, '2028-02-29', '2028-02-29T22:59:59.999Z', 'leap day'],
    ['2026-03-25T15:00:00Z', 15, '2026-04-09', '2026-04-09T21:59:59.999Z', 'longer term set by the mediator'],
  ])('communicated %s, %p days → %s', (communicatedAt, customDays, dueDate, dueAt) => {
    expect(proposalReplyDeadline(at(communicatedAt), defaultDeadlinePolicy, customDays)).toEqual({
      dueDate,
      dueAt: at(dueAt),
    });
  });

  test.each([[6], [0], [7.5]])('refuses a mediator term of %p days', (customDays) => {
    const err = ruleError(() => proposalReplyDeadline(at('2026-03-25T15:00:00Z'), defaultDeadlinePolicy, customDays));
    expect(err.code).toBe('PROPOSAL_REPLY_TERM_TOO_SHORT');
  });

  describe('holidays (shiftFromHolidays on): the last day moves to the next working day', () => {
    test.each([
      ['2026-12-25', '2027-01-01', '2027-01-04', 'New Year (Friday), then the weekend'],
      ['2026-12-30', '2027-01-06', '2027-01-07', 'Epiphany'],
      ['2027-03-22', '2027-03-29', '2027-03-30', 'Easter Monday'],
      ['2027-04-18', '2027-04-25', '2027-04-26', 'Liberation Day (Sunday)'],
      ['2027-04-24', '2027-05-01', '2027-05-03', 'Labour Day (Saturday), Sunday'],
      ['2027-05-26', '2027-06-02', '2027-06-03', 'Republic Day'],
      ['2027-08-08', '2027-08-15', '2027-08-16', 'Ferragosto (Sunday)'],
      ['2027-09-27', '2027-10-04', '2027-10-05', 'St Francis (from 2026)'],
      ['2027-10-25', '2027-11-01', '2027-11-02', 'All Saints'],
      ['2027-12-01', '2027-12-08', '2027-12-09', 'Immaculate Conception'],
      ['2027-12-18', '2027-12-25', '2027-12-27', 'Christmas (Saturday), Santo Stefano (Sunday)'],
      ['2027-12-19', '2027-12-26', '2027-12-27', 'Santo Stefano'],
      ['2038-04-18', '2038-04-25', '2038-04-27', 'Easter Sunday on 25 April, then Easter Monday'],
      ['2027-05-01', '2027-05-08', '2027-05-10', 'a plain Saturday'],
      ['2027-05-05', '2027-05-12', '2027-05-12', 'a plain Wednesday stays'],
    ])('communicated %s: due %s → %s (%s)', (communicated, unshifted, dueDate) => {
      const d = proposalReplyDeadline(at(`${communicated}T10:00:00Z`), shifting);
      expect(d.dueDate).toBe(dueDate);
      if (dueDate === unshifted) expect(d.shiftedFrom).toBeUndefined();
      else expect(d.shiftedFrom).toBe(unshifted);
      // without the flag nothing moves
      expect(proposalReplyDeadline(at(`${communicated}T10:00:00Z`)).dueDate).toBe(unshifted);
    });

    test('Saturdays stay when the body does not treat them as holidays', () => {
      const policy = parseDeadlinePolicy({ shiftFromHolidays: true, saturdayIsHoliday: false });
      expect(proposalReplyDeadline(at('2027-05-01T10:00:00Z'), policy).dueDate).toBe('2027-05-08');
      expect(proposalReplyDeadline(at('2027-04-24T10:00:00Z'), policy).dueDate).toBe('2027-05-03');
    });

    test("the body's local holiday moves it too (Sant'Ambrogio, then the Immaculate Conception)", () => {
      const milan = parseDeadlinePolicy({ shiftFromHolidays: true, extraHolidays: ['12-07'] });
      expect(proposalReplyDeadline(at('2027-11-30T10:00:00Z'), milan).dueDate).toBe('2027-12-09');
    });
  });
});

describe('mediatorAnswerDeadline', () => {
  test.each([
    ['2026-10-23T16:00:00Z', '2026-10-26', '2026-10-26T22:59:59.999Z', 'Friday + 3 days, across the autumn DST change'],
    ['2026-03-27T08:00:00Z', '2026-03-30', '2026-03-30T21:59:59.999Z', 'across the spring DST change'],
    ['2026-12-30T23:10:00Z', '2027-01-03', '2027-01-03T22:59:59.999Z', 'designated 00:10 of 31 December in Rome'],
  ])('designated %s → %s (%s)', (designatedAt, dueDate, dueAt) => {
    expect(mediatorAnswerDeadline(at(designatedAt))).toEqual({ dueDate, dueAt: at(dueAt) });
  });

  test('follows the body configuration', () => {
    expect(
      mediatorAnswerDeadline(at('2026-10-23T16:00:00Z'), parseDeadlinePolicy({ mediatorAnswerDays: 5 })).dueDate,
    ).toBe('2026-10-28');
  });
});

describe('adhesionDeadline', () => {
  test('15 days from the convocation', () => {
    expect(adhesionDeadline(at('2026-03-05T09:00:00Z'))).toEqual({
      dueDate: '2026-03-20',
      dueAt: at('2026-03-20T22:59:59.999Z'),
    });
  });

  test('never later than the day before the first meeting', () => {
    expect(adhesionDeadline(at('2026-03-05T09:00:00Z'), defaultDeadlinePolicy, at('2026-03-18T08:00:00Z'))).toEqual({
      dueDate: '2026-03-17',
      dueAt: at('2026-03-17T22:59:59.999Z'),
    });
  });

  test('a meeting further away leaves the 15 days', () => {
    expect(
      adhesionDeadline(at('2026-03-05T09:00:00Z'), defaultDeadlinePolicy, at('2026-04-10T08:00:00Z')).dueDate,
    ).toBe('2026-03-20');
  });

  test('the cut-off uses the meeting day in Rome (a meeting at 00:30 of 29 March, after the DST change)', () => {
    expect(adhesionDeadline(at('2026-03-20T09:00:00Z'), defaultDeadlinePolicy, at('2026-03-28T23:30:00Z'))).toEqual({
      dueDate: '2026-03-28',
      dueAt: at('2026-03-28T22:59:59.999Z'),
    });
  });
});

describe('nextDeadline', () => {
  const base: DeadlineCaseState = {
    type: 'VOLONTARIA',
    filedAt: at('2026-03-02T10:00:00Z'),
    firstMeeting: { held: false },
  };

  test('a mediator awaiting answer: the answer comes first, with its future reminder at 09:00 Rome', () => {
    const state: DeadlineCaseState = {
      ...base,
      pendingMediator: { mediatorId: 'med-1', designatedAt: at('2026-03-03T09:00:00Z') },
    };
    expect(nextDeadline(state, at('2026-03-03T10:00:00Z'))).toEqual({
      kind: 'MEDIATOR_ANSWER',
      subjectId: 'med-1',
      dueDate: '2026-03-06',
      dueAt: at('2026-03-06T22:59:59.999Z'),
      // 7 days before is already past; 2 days before = 4 March 09:00 CET
      reminders: [at('2026-03-04T08:00:00Z')],
    });
  });

  test('once it has passed, the first-meeting deadline follows, reminders in summer time', () => {
    const state: DeadlineCaseState = {
      ...base,
      pendingMediator: { mediatorId: 'med-1', designatedAt: at('2026-03-03T09:00:00Z') },
    };
    expect(nextDeadline(state, at('2026-03-07T00:00:00Z'))).toEqual({
      kind: 'FIRST_MEETING_LATEST',
      dueDate: '2026-04-11',
      dueAt: at('2026-04-11T21:59:59.999Z'),
      reminders: [at('2026-04-04T07:00:00Z'), at('2026-04-09T07:00:00Z')],
    });
  });

  test('pending adhesions, capped by the scheduled meeting', () => {
    const state: DeadlineCaseState = {
      ...base,
      firstMeeting: { held: false, scheduledAt: at('2026-03-25T08:00:00Z') },
      pendingAdhesions: [
        { subjectId: 'party-b', convocationSentAt: at('2026-03-05T09:00:00Z') },
        { subjectId: 'party-c', convocationSentAt: at('2026-03-12T09:00:00Z') },
      ],
    };
    const all = listDeadlines(state);
    expect(all.map((d) => [d.kind, d.subjectId, d.dueDate])).toEqual([
      ['ADHESION', 'party-b', '2026-03-20'],
      ['ADHESION', 'party-c', '2026-03-24'],
      ['FIRST_MEETING_LATEST', undefined, '2026-04-11'],
      ['PROCEDURE_END', undefined, '2026-09-02'],
    ]);
    expect(nextDeadline(state, at('2026-03-21T08:00:00Z'))).toMatchObject({
      kind: 'ADHESION',
      subjectId: 'party-c',
      reminders: [at('2026-03-22T08:00:00Z')],
    });
  });

  test('after the first meeting: the proposal reply, then the end of the procedure', () => {
    const state: DeadlineCaseState = {
      ...base,
      firstMeeting: { held: true },
      extensions: [{ months: 2 }],
      pendingProposal: { communicatedAt: at('2026-06-01T10:00:00Z') },
    };
    expect(nextDeadline(state, at('2026-06-02T10:00:00Z'))).toMatchObject({
      kind: 'PROPOSAL_REPLY',
      dueDate: '2026-06-08',
      reminders: [at('2026-06-06T07:00:00Z')],
    });
    expect(nextDeadline(state, at('2026-06-09T10:00:00Z'))).toMatchObject({
      kind: 'PROCEDURE_END',
      dueDate: '2026-11-02',
      dueAt: at('2026-11-02T22:59:59.999Z'),
      reminders: [at('2026-10-26T08:00:00Z'), at('2026-10-31T08:00:00Z')],
    });
  });

  test('with a date concordantly set outside the window, no first-meeting deadline', () => {
    const state: DeadlineCaseState = { ...base, firstMeeting: { held: false, partiesAgreedOtherwise: true } };
    expect(nextDeadline(state, at('2026-03-03T10:00:00Z'))?.kind).toBe('PROCEDURE_END');
  });

  test('DEMANDATA: the duration runs from the deposit of the judge’s order', () => {
    const state: DeadlineCaseState = {
      ...base,
      type: 'DEMANDATA',
      courtOrderDepositedAt: at('2026-02-20T10:00:00Z'),
      firstMeeting: { held: true },
    };
    expect(nextDeadline(state, at('2026-03-03T10:00:00Z'))).toMatchObject({
      kind: 'PROCEDURE_END',
      dueDate: '2026-08-20',
    });
    expect(() => listDeadlines({ ...state, courtOrderDepositedAt: null })).toThrow(RangeError);
  });

  test('a refused extension surfaces as the rule error', () => {
    const state: DeadlineCaseState = {
      ...base,
      type: 'DEMANDATA',
      courtOrderDepositedAt: at('2026-02-20T10:00:00Z'),
      extensions: [{ months: 3 }, { months: 3 }],
    };
    expect(ruleError(() => nextDeadline(state, at('2026-03-03T10:00:00Z'))).code).toBe('EXTENSION_NOT_ALLOWED');
  });

  test('reminders already past are left out; a deadline due in a few hours has none', () => {
    const state: DeadlineCaseState = { ...base };
    expect(nextDeadline(state, at('2026-04-10T08:00:00Z'))).toMatchObject({
      kind: 'FIRST_MEETING_LATEST',
      reminders: [],
    });
    expect(nextDeadline(state, at('2026-04-11T21:59:59.998Z'))).toMatchObject({ kind: 'FIRST_MEETING_LATEST' });
    expect(nextDeadline(state, at('2026-04-11T21:59:59.999Z'))?.kind).toBe('PROCEDURE_END');
  });

  test('a lead of 0 reminds on the morning of the last day', () => {
    const policy = parseDeadlinePolicy({ reminderLeadDays: { FIRST_MEETING_LATEST: [0, 1, 1] } });
    expect(nextDeadline(base, at('2026-04-01T08:00:00Z'), policy)?.reminders).toEqual([
      at('2026-04-10T07:00:00Z'),
      at('2026-04-11T07:00:00Z'),
    ]);
  });

  test('a closed case has no deadline', () => {
    expect(nextDeadline({ ...base, closed: true }, at('2026-03-03T10:00:00Z'))).toBeNull();
  });

  test('nothing left after the end of the procedure', () => {
    expect(nextDeadline({ ...base, firstMeeting: { held: true } }, at('2026-09-03T10:00:00Z'))).toBeNull();
  });

  test('ties are ordered by kind: the mediator before an adhesion due the same instant', () => {
    const state: DeadlineCaseState = {
      ...base,
      pendingMediator: { mediatorId: 'med-2', designatedAt: at('2026-03-17T09:00:00Z') },
      pendingAdhesions: [{ subjectId: 'party-b', convocationSentAt: at('2026-03-05T09:00:00Z') }],
    };
    expect(
      listDeadlines(state)
        .slice(0, 2)
        .map((d) => d.kind),
    ).toEqual(['MEDIATOR_ANSWER', 'ADHESION']);
  });
});
