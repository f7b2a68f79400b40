import { caseYear, formatCaseNumber, parseCaseNumber } from './case-number';

describe('formatCaseNumber', () => {
  test.each([
    [2026, 17, '2026/17'],
    [2027, 1, '2027/1'],
    [2025, 12345, '2025/12345'],
  ])('(%i, %i) → %s', (year, number, expected) => {
    expect(formatCaseNumber(year, number)).toBe(expected);
  });

  test.each([
    [2026, 0],
    [2026, -3],
    [2026, 1.5],
    [2026, Number.NaN],
    [999, 1],
    [10000, 1],
    [2026.5, 1],
  ])('refuses (%p, %p)', (year, number) => {
    expect(() => formatCaseNumber(year, number)).toThrow(RangeError);
  });
});

describe('parseCaseNumber', () => {
  test.each([
    ['2026/17', { year: 2026, number: 17 }],
    [' 2027/1 ', { year: 2027, number: 1 }],
    ['2025/12345', { year: 2025, number: 12345 }],
  ])('%j → %p', (input, expected) => {
    expect(parseCaseNumber(input)).toEqual(expected);
  });

  test.each([
    ['2026/017'],
    ['2026/0'],
    ['2026-17'],
    ['26/17'],
    ['2026/'],
    ['/17'],
    ['2026/17a'],
    ['2026 / 17'],
    [''],
    ['2026/99999999999999999999'],
  ])('gives null for %j', (input) => {
    expect(parseCaseNumber(input)).toBeNull();
  });

  test('is the inverse of formatCaseNumber', () => {
    for (const [year, number] of [
      [2026, 17],
      [2030, 1],
      [2024, 987654],
    ] as const) {
      expect(parseCaseNumber(formatCaseNumber(year, number))).toEqual({ year, number });
    }
  });
});

describe('caseYear', () => {
  test.each([
    ['2026-12-31T22:59:59.999Z', 2026, 'last millisecond of 2026 in Rome (UTC+1)'],
    ['2026-12-31T23:00:00Z', 2027, 'midnight of New Year in Rome'],
    ['2026-12-31T23:30:00Z', 2027, 'a filing at 23:30 UTC on New Year’s Eve'],
    ['2027-01-01T00:30:00Z', 2027, 'just after midnight UTC'],
    ['2026-06-30T22:30:00Z', 2026, 'a summer night (UTC+2)'],
    ['2024-02-29T12:00:00Z', 2024, 'a leap day'],
  ])('%s is in %i in Rome (%s)', (iso, year) => {
    expect(caseYear(new Date(iso))).toBe(year);
  });

  test('uses the zone it is given', () => {
    const at = new Date('2026-12-31T23:30:00Z');
    expect(caseYear(at, 'UTC')).toBe(2026);
    expect(caseYear(at, 'America/New_York')).toBe(2026);
    expect(caseYear(new Date('2026-12-31T11:30:00Z'), 'Pacific/Auckland')).toBe(2027);
  });

  test('refuses an invalid date', () => {
    expect(() => caseYear(new Date('not a date'))).toThrow(RangeError);
  });
});
