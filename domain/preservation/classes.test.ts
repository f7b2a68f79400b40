import { dueForDiscard, missingMetadata, retentionEnd, standardDocumentClasses } from './classes';

describe('document classes', () => {
  it('has the 36 standard classes of the brochure, 10 years each, unique codes', () => {
    expect(standardDocumentClasses).toHaveLength(36);
    expect(new Set(standardDocumentClasses.map((c) => c.code)).size).toBe(36);
    expect(standardDocumentClasses.every((c) => c.retentionYears === 10)).toBe(true);
    expect(standardDocumentClasses.filter((c) => c.integrated).map((c) => c.code)).toContain('VERBALI_MEDIAZIONI');
  });

  it.each([
    [{ oggetto: 'Verbale', data_documento: '2026-11-20', numero_procedimento: '2026/1' }, []],
    [{ oggetto: 'Verbale', data_documento: '2026-11-20' }, ['numero_procedimento']],
    [{ oggetto: ' ', numero_procedimento: '2026/1' }, ['oggetto', 'data_documento']],
  ])('missing metadata of %j → %j', (metadata, missing) => {
    const cls = standardDocumentClasses.find((c) => c.code === 'VERBALI_MEDIAZIONI')!;
    expect(missingMetadata(cls, metadata)).toEqual(missing);
  });

  it.each([
    [10, '2026-11-20', '2036-11-20'],
    [10, '2024-02-29', '2034-02-28'],
    [null, '2026-11-20', null],
  ])('retention %s years from %s ends %s', (years, from, end) => {
    expect(retentionEnd(years, from)).toBe(end);
  });

  it('proposes for discard only packages past retention without a decision', () => {
    const pkgs = [
      { id: 'a', retentionUntil: '2026-01-01', discardStatus: null },
      { id: 'b', retentionUntil: '2026-01-01', discardStatus: 'proposed' },
      { id: 'c', retentionUntil: '2040-01-01', discardStatus: null },
      { id: 'd', retentionUntil: null, discardStatus: null },
    ];
    expect(dueForDiscard(pkgs, '2026-11-22')).toEqual(['a']);
  });
});
