import { catalogueFor, occDeadlineCatalogue, occDueDate, romeDay, startOfRomeDay } from './deadlines';

describe('due dates in Europe/Rome calendar days, end of day', () => {
  it.each([
    // code, start instant, due date, due instant (end of the Rome day)
    ['TAX_OFFICE_NOTICE', '2026-03-03T10:00:00Z', '2026-03-10', '2026-03-10T22:59:59.999Z'],
    // a start late in the evening UTC is already the next day in Rome
    ['TAX_OFFICE_NOTICE', '2026-03-31T22:30:00Z', '2026-04-08', '2026-04-08T21:59:59.999Z'],
    // across the DST change (29 March 2026): calendar days, not 24-hour periods
    ['CREDITOR_OBSERVATIONS', '2026-03-20T09:00:00Z', '2026-04-09', '2026-04-09T21:59:59.999Z'],
    // across the year end
    ['CREDITORS_COMMUNICATION', '2026-12-15T09:00:00Z', '2027-01-14', '2027-01-14T22:59:59.999Z'],
    ['INVENTORY_PROGRAMME', '2026-01-10T09:00:00Z', '2026-04-10', '2026-04-10T21:59:59.999Z'],
    // months: 31 August + 6 months → end of February
    ['EXECUTION_REPORT', '2026-08-31T09:00:00Z', '2027-02-28', '2027-02-28T22:59:59.999Z'],
    ['DISCHARGE', '2024-02-29T09:00:00Z', '2027-02-28', '2027-02-28T22:59:59.999Z'],
    ['MONITORING_END', '2026-05-04T09:00:00Z', '2030-05-04', '2030-05-04T21:59:59.999Z'],
  ] as const)('%s from %s → %s', (code, start, dueDate, dueAt) => {
    const d = occDueDate(code, new Date(start));
    expect(d.dueDate).toBe(dueDate);
    expect(d.dueAt.toISOString()).toBe(dueAt);
  });

  it('counts recurring terms: the 3rd six-monthly report and the 2nd yearly declaration', () => {
    expect(occDueDate('EXECUTION_REPORT', new Date('2026-01-15T09:00:00Z'), { times: 3 }).dueDate).toBe('2027-07-15');
    expect(occDueDate('ANNUAL_DECLARATION', new Date('2026-01-15T09:00:00Z'), { times: 2 }).dueDate).toBe('2028-01-15');
  });

  it('takes the term the court set (claims ≤ 60 days)', () => {
    expect(occDueDate('CLAIMS', new Date('2026-06-01T09:00:00Z'), { amount: 45 }).dueDate).toBe('2026-07-16');
  });

  it('reminds at 09:00 Rome the lead days before the last day, only after the start', () => {
    expect(occDueDate('TAX_OFFICE_NOTICE', new Date('2026-03-03T10:00:00Z')).reminderAt?.toISOString()).toBe('2026-03-08T08:00:00.000Z');
    expect(occDueDate('TAX_OFFICE_NOTICE', new Date('2026-03-03T10:00:00Z'), { amount: 1 }).reminderAt).toBeNull();
  });

  it('refuses invalid input', () => {
    expect(() => occDueDate('CLAIMS', new Date('x'))).toThrow(RangeError);
    expect(() => occDueDate('CLAIMS', new Date(), { amount: 0 })).toThrow(RangeError);
  });

  it('converts between instants and Rome days', () => {
    expect(romeDay(new Date('2026-03-31T22:30:00Z'))).toBe('2026-04-01');
    expect(startOfRomeDay('2026-04-01').toISOString()).toBe('2026-03-31T22:00:00.000Z');
  });
});

describe('the catalogue (A.4)', () => {
  it('has every term of the spec with its source', () => {
    expect(occDeadlineCatalogue).toHaveLength(15);
    for (const e of occDeadlineCatalogue) expect(e.source).not.toBe('');
  });

  it.each([
    ['RISTRUTTURAZIONE_CONSUMATORE', ['TAX_OFFICE_NOTICE', 'TAX_OFFICE_REPLY', 'CREDITORS_COMMUNICATION', 'CREDITOR_OBSERVATIONS', 'OBSERVATIONS_REPORT', 'EXECUTION_REPORT']],
    ['CONCORDATO_MINORE', ['TAX_OFFICE_NOTICE', 'TAX_OFFICE_REPLY', 'EXECUTION_REPORT', 'VOTE']],
    ['ESDEBITAZIONE_INCAPIENTE', ['TAX_OFFICE_NOTICE', 'TAX_OFFICE_REPLY', 'ANNUAL_DECLARATION', 'MONITORING_END']],
  ] as const)('%s has its terms', (p, codes) => {
    expect(catalogueFor([p]).map((e) => e.code)).toEqual(codes);
  });
});
