import { importCreditorCsv, importCreditorRows, parseCsv, parseEuroCents, parsePercentBp } from './creditor-import';

describe('parseEuroCents', () => {
  it.each<[string | number | null, ReturnType<typeof parseEuroCents>]>([
    ['1.234,56', 123_456],
    ['1234,5', 123_450],
    ['€ 12.345.678,90', 1_234_567_890],
    ['1.234', 123_400],
    ['1234.56', 123_456],
    ['0', 0],
    ['', null],
    [null, null],
    [1234.56, 123_456],
    ['-10,00', 'NEGATIVE'],
    [-3, 'NEGATIVE'],
    ['12,345', 'INVALID_AMOUNT'],
    ['1,234.56', 'INVALID_AMOUNT'],
    ['abc', 'INVALID_AMOUNT'],
    [0.001, 'INVALID_AMOUNT'],
  ])('%p → %p', (input, expected) => {
    expect(parseEuroCents(input)).toBe(expected);
  });

  it('reads percentages', () => {
    expect([parsePercentBp('30'), parsePercentBp('27,5 %'), parsePercentBp(100), parsePercentBp('101'), parsePercentBp('')]).toEqual([3_000, 2_750, 10_000, 'INVALID_PERCENT', null]);
  });
});

describe('parseCsv', () => {
  it('detects the separator and handles quotes, BOM and CRLF', () => {
    expect(parseCsv('\uFEFFa;b;c\r\n"x;y";"he said ""hi""";3\r\n')).toEqual([['a', 'b', 'c'], ['x;y', 'he said "hi"', '3']]);
    expect(parseCsv('a,b\n"1.234,56",2\n\n')).toEqual([['a', 'b'], ['1.234,56', '2']]);
  });
});

describe('importCreditorCsv', () => {
  const header = 'Creditore;Codice fiscale;PEC;Titolo;Capitale;Interessi;Spese;Grado;Classe;Trattamento';

  it('imports every row with Italian amounts and ranks', () => {
    const r = importCreditorCsv(`${header}\nBanca Alfa S.p.A.;00743110157;alfa@pec.it;Mutuo;80.000,00;1.500,50;0;Ipoteca;A;70\nMario Rossi;RSSMRA80A01H501U;;Prestito;5.000;;;chirografario;B;30,5\n`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.claims).toHaveLength(2);
    expect(r.claims[0]).toMatchObject({ creditorName: 'Banca Alfa S.p.A.', taxId: '00743110157', capitalCents: 8_000_000, interestCents: 150_050, costsCents: 0, rank: 'ipoteca', classCode: 'A', proposedTreatmentBp: 7_000 });
    expect(r.claims[1]).toMatchObject({ pec: null, capitalCents: 500_000, rank: 'chirografo', proposedTreatmentBp: 3_050 });
  });

  it('imports a comma-separated file with English headers', () => {
    const r = importCreditorCsv('creditor,capital,rank\n"Beta, S.r.l.",1234.56,chirografo\n');
    expect(r).toEqual({ ok: true, claims: [expect.objectContaining({ creditorName: 'Beta, S.r.l.', capitalCents: 123_456 })] });
  });

  it('imports nothing and reports every bad row with its number, field and message', () => {
    const r = importCreditorCsv(`${header}\nOk S.r.l.;;;;100;;;chirografo;;\nBad One;;not-a-pec;;-5;;;chirografo;;\n;;;;100;;;sovrano;;\n`);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [3, 'capitalCents', 'NEGATIVE'],
      [4, 'rank', 'INVALID_RANK'],
    ]);
    expect(r.errors[0]!.message.it).toContain('negativo');
    expect(r.errors[0]!.message.en).toContain('negative');
  });

  it('validates the whole row once the cells parse (PEC, name, tax id)', () => {
    const r = importCreditorCsv(`${header}\n;01234567891;not-a-pec;;100;;;chirografo;;\n`);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.row, e.field, e.code])).toEqual(expect.arrayContaining([[2, 'creditorName', 'REQUIRED'], [2, 'taxId', 'INVALID_TAX_ID'], [2, 'pec', 'INVALID_EMAIL']]));
  });

  it('refuses a header without the required columns or with unknown ones', () => {
    const r = importCreditorRows([['Nome', 'Colore']]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.code)).toEqual(['UNKNOWN_COLUMN', 'MISSING_COLUMN', 'MISSING_COLUMN']);
  });

  it('refuses a file with only the header', () => {
    const r = importCreditorCsv(`${header}\n`);
    expect(r.ok).toBe(false);
  });

  it('takes numbers and booleans as XLSX cells give them', () => {
    const r = importCreditorRows([['Creditore', 'Capitale', 'Grado', 'Rinuncia prelazione', 'Trattamento'], ['Gamma', 2500.5, 'pegno', true, 40]]);
    expect(r).toEqual({ ok: true, claims: [expect.objectContaining({ capitalCents: 250_050, rank: 'pegno', waivedPrelazione: true, proposedTreatmentBp: 4_000 })] });
  });
});
