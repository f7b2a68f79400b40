import { formatProtocolId, formatProtocolNumber, parseProtocolId, protocolDay, protocolTime, protocolYear } from './numbering';

describe('protocol numbering', () => {
  it.each([
    ['2026-06-15T10:00:00Z', 2026, '2026-06-15'],
    ['2026-12-31T22:59:59Z', 2026, '2026-12-31'], // 23:59:59 in Rome
    ['2026-12-31T23:00:00Z', 2027, '2027-01-01'], // midnight in Rome: the new year's numbering
    ['2026-03-28T23:30:00Z', 2026, '2026-03-29'], // DST starts that night
    ['2026-10-24T22:30:00Z', 2026, '2026-10-25'], // DST ends that night
  ])('the registration at %s belongs to year %d, day %s in Rome', (iso, year, day) => {
    expect(protocolYear(new Date(iso))).toBe(year);
    expect(protocolDay(new Date(iso))).toBe(day);
  });

  it('writes the time of day with its offset', () => {
    expect(protocolTime(new Date('2026-01-10T09:05:03Z'))).toBe('10:05:03+01:00');
    expect(protocolTime(new Date('2026-07-10T09:05:03Z'))).toBe('11:05:03+02:00');
  });

  it.each([
    [1, '0000001'],
    [17, '0000017'],
    [1234567, '1234567'],
    [12345678, '12345678'],
  ])('formats number %d with at least seven digits: %s', (n, s) => expect(formatProtocolNumber(n)).toBe(s));

  it.each([0, -1, 1.5, Number.NaN])('refuses number %p', (n) => expect(() => formatProtocolNumber(n)).toThrow(RangeError));

  it('round-trips protocol identifiers', () => {
    expect(formatProtocolId('GEN', 2026, 17)).toBe('GEN/2026/0000017');
    expect(parseProtocolId(' GEN/2026/0000017 ')).toEqual({ registerCode: 'GEN', year: 2026, number: 17 });
    expect(parseProtocolId('GEN/2026/17')).toBeNull();
    expect(parseProtocolId('GEN/2026/0000000')).toBeNull();
    expect(() => protocolYear(new Date('x'))).toThrow(RangeError);
  });
});
