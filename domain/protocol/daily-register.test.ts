import { DOMParser } from '@xmldom/xmldom';
import { assertDayClosable, buildDailyRegisterXml, dayBounds, previousDay } from './daily-register';

describe('daily register days', () => {
  it.each([
    ['2026-01-15', '2026-01-14T23:00:00.000Z', '2026-01-15T23:00:00.000Z', 24],
    ['2026-03-29', '2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z', 23], // DST starts
    ['2026-10-25', '2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z', 25], // DST ends
  ])('%s runs from %s to %s (%d hours)', (day, start, end, hours) => {
    const b = dayBounds(day);
    expect([b.start.toISOString(), b.end.toISOString()]).toEqual([start, end]);
    expect((b.end.getTime() - b.start.getTime()) / 3_600_000).toBe(hours);
  });

  it.each(['2026-02-30', '2026-13-01', '26-01-01'])('refuses %s', (day) => expect(() => dayBounds(day)).toThrow(RangeError));

  it.each([
    ['2026-01-01T13:00:00Z', '2025-12-31'],
    ['2026-03-30T12:00:00Z', '2026-03-29'],
    ['2026-06-30T22:30:00Z', '2026-06-30'], // 00:30 of 1 July in Rome
  ])('the day before %s is %s', (now, day) => expect(previousDay(new Date(now))).toBe(day));

  it('closes a day only when it is over in Rome', () => {
    expect(() => assertDayClosable('2026-05-10', new Date('2026-05-10T21:59:00Z'))).toThrow(expect.objectContaining({ code: 'DAY_NOT_OVER' }));
    expect(() => assertDayClosable('2026-05-10', new Date('2026-05-10T22:00:00Z'))).not.toThrow();
  });
});

describe('daily register XML', () => {
  const base = {
    administration: { code: 'oav_rm', name: 'Ordine degli Avvocati di Roma' },
    aooCode: 'A1B2C3D',
    registerCode: 'GEN',
    registerName: 'Protocollo generale',
    day: '2026-05-10',
    generatedAt: new Date('2026-05-11T12:00:00Z'),
  };

  it('lists the entries and the changes of the day', () => {
    const xml = buildDailyRegisterXml({
      ...base,
      entries: [
        { year: 2026, number: 41, registeredAt: '2026-05-10T08:00:00.000Z', direction: 'incoming', subject: 'Esposto <urgente> & riservato', classificationCode: 'III.3', correspondents: ['Mario Rossi'], fileCode: null, documents: [{ filename: 'a.pdf', sha256: 'ab'.repeat(32) }], annulled: false },
      ],
      changes: [{ kind: 'annulment', year: 2026, number: 12, at: '2026-05-10T09:00:00.000Z', text: 'Doppia registrazione' }],
    });
    const doc = new DOMParser().parseFromString(xml, 'text/xml');
    const root = doc.documentElement!;
    expect(root.getAttribute('giorno')).toBe('2026-05-10');
    const entries = root.getElementsByTagName('Registrazione');
    expect(entries.length).toBe(1);
    expect(entries[0]!.getAttribute('segnatura')).toBe('GEN/2026/0000041');
    expect(root.getElementsByTagName('Oggetto')[0]!.textContent).toBe('Esposto <urgente> & riservato');
    expect(root.getElementsByTagName('Annullamento')[0]!.getAttribute('segnatura')).toBe('GEN/2026/0000012');
  });

  it('still produces the register of an empty day', () => {
    const xml = buildDailyRegisterXml({ ...base, entries: [], changes: [] });
    const root = new DOMParser().parseFromString(xml, 'text/xml').documentElement!;
    expect(root.getElementsByTagName('Registrazioni')[0]!.getAttribute('numero')).toBe('0');
  });
});
