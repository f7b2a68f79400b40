import { annulmentSchema, assertAnnullable } from './changes';
import { correspondentSearchText, entryInputSchema } from './entry';
import { searchFilterSchema } from './search';

const REGISTER = '8c7e7c4e-2f55-4c3c-9d7b-1b1a3c6c0b11';
const valid = {
  registerId: REGISTER,
  direction: 'incoming',
  correspondents: [{ kind: 'person', firstName: 'Mario', lastName: 'Rossi', taxCode: 'RSSMRA80A01H501U', email: 'mario@example.it' }],
  subject: 'Richiesta di iscrizione all’albo',
  classificationCode: 'II.1',
};

const issues = (input: unknown) => {
  const r = entryInputSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}:${i.message}`);
};

describe('protocol entry input', () => {
  it('accepts a minimal incoming entry, with defaults', () => {
    const e = entryInputSchema.parse(valid);
    expect(e).toMatchObject({ channel: 'paper', confidential: false, attachments: [] });
  });

  it.each([
    ['no subject', { subject: undefined }, 'subject:REQUIRED'],
    ['a blank subject', { subject: '   ' }, 'subject:REQUIRED'],
    ['no correspondent', { correspondents: [] }, 'correspondents:REQUIRED'],
    ['no classification', { classificationCode: undefined }, 'classificationCode:REQUIRED'],
    ['a malformed classification', { classificationCode: 'I..2' }, 'classificationCode:INVALID_CLASSIFICATION_CODE'],
    ['an unknown direction', { direction: 'sideways' }, 'direction:INVALID_DIRECTION'],
    ['a bad tax code', { correspondents: [{ kind: 'person', firstName: 'A', lastName: 'B', taxCode: 'XXX' }] }, 'correspondents.0.taxCode:INVALID_TAX_CODE'],
    ['received-document data on an outgoing entry', { direction: 'outgoing', receivedDocument: { number: '12' } }, 'receivedDocument:ONLY_FOR_INCOMING'],
    ['an attachment with a path in its name', { attachments: [{ filename: '../x.pdf', contentBase64: 'QQ==' }] }, 'attachments.0.filename:INVALID_FILENAME'],
    ['an attachment that is not base64', { attachments: [{ filename: 'x.pdf', contentBase64: 'not base64!' }] }, 'attachments.0.contentBase64:INVALID_BASE64'],
  ])('refuses %s', (_what, change, issue) => {
    expect(issues({ ...valid, ...change })).toContain(issue);
  });

  it('collects searchable text from every correspondent', () => {
    const e = entryInputSchema.parse({ ...valid, correspondents: [...valid.correspondents, { kind: 'company', name: 'Alfa S.r.l.', vatNumber: '00743110157' }] });
    expect(correspondentSearchText(e.correspondents)).toBe('mario rossi mario@example.it rssmra80a01h501u alfa s.r.l. 00743110157');
  });
});

describe('annulment and annotations', () => {
  it.each([
    [{}, 'REQUIRED'],
    [{ reason: '  ' }, 'REQUIRED'],
    [{ reason: 'errore' }, 'TOO_SHORT'],
  ])('refuses annulment %j (%s)', (input, code) => {
    const r = annulmentSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe(code);
  });

  it('accepts a reason and an optional measure', () => {
    expect(annulmentSchema.parse({ reason: 'Registrato due volte per errore', measure: '' })).toEqual({ reason: 'Registrato due volte per errore' });
  });

  it('annuls only once', () => {
    expect(() => assertAnnullable({ annulledAt: null })).not.toThrow();
    expect(() => assertAnnullable({ annulledAt: new Date() })).toThrow(expect.objectContaining({ code: 'ENTRY_ALREADY_ANNULLED' }));
  });
});

describe('search filters', () => {
  it('coerces query strings and drops blanks', () => {
    expect(searchFilterSchema.parse({ number: '12', year: '2026', subject: '', annulled: 'false', format: 'csv' })).toMatchObject({
      number: 12, year: 2026, annulled: false, format: 'csv', limit: 50, offset: 0,
    });
  });
  it('refuses an inverted date range', () => {
    expect(searchFilterSchema.safeParse({ dateFrom: '2026-02-01', dateTo: '2026-01-01' }).success).toBe(false);
  });
});
