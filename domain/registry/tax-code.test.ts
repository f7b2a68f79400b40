import { computeTaxCodeCheckChar, decodeTaxCode, isValidTaxCode, normalizeTaxCode, taxCodeKind } from './tax-code';

describe('isValidTaxCode', () => {
  test.each([
    ['RSSMRA80A01H501U', 'the textbook example (Mario Rossi, 1 Jan 1980, Rome)'],
    ['CNTCHR83T41D969D', 'a woman born on 1 Dec 1983 (day 41)'],
    ['BNCLRA85M52F205I', 'a woman born on 12 Aug 1985 in Milan (day 52)'],
    ['MRSMSR81D60Z611H', 'a woman born abroad (Z code) on 20 Apr 1981'],
    ['RCCMNL83S18D969H', 'a man born on 18 Nov 1983'],
    ['RSSMRA80A01H50MM', 'omocodia: last place digit 1 → M, check char recomputed'],
    ['RSSMRA80A01H5LMX', 'omocodia: two place digits replaced'],
    ['RSSMRAULALMHRLMD', 'omocodia: all seven digits replaced'],
    ['RSSMRA45C12F2L5N', 'omocodia published elsewhere, not right-to-left'],
    ['RSSMRA84B29H501U', '29 February in a year divisible by 4'],
    ['RSSMRA80A71H501B', 'a woman born on the 31st (day 71)'],
    ['00743110157', 'numeric tax code of a company (same as its VAT number)'],
    ['80007010376', 'numeric tax code of a non-commercial entity'],
  ])('accepts %s (%s)', (code) => {
    expect(isValidTaxCode(code)).toBe(true);
  });

  test.each([
    ['RSSMRA80A01H501X', 'wrong check character'],
    ['RSSMRA80A01H50MU', 'omocodic code keeping the check char of the plain code'],
    ['RSSMRA80F01H501G', 'F is not a month letter (check char otherwise right)'],
    ['RSSMRA80I01H501M', 'I is not a month letter'],
    ['RSSMRA80A32H501C', 'day 32'],
    ['RSSMRA80A00H501V', 'day 00'],
    ['RSSMRA80A72H501G', 'day 72'],
    ['RSSMRA80A35H501K', 'day 35 (between the male and female ranges)'],
    ['RSSMRA80B30H501X', '30 February'],
    ['RSSMRA81B29H501R', '29 February in a year not divisible by 4'],
    ['RSSMRA80D31H501D', '31 April'],
    ['RSSMRA8AA01H501U', 'A is not an omocodia letter'],
    ['RSSMR480A01H501Y', 'a digit among the name letters'],
    ['RSSMRA80A01H501', '15 characters'],
    ['RSSMRA80A01H501UU', '17 characters'],
    ['', 'empty'],
    ['RSSMRA80A01-H501U', 'a separator inside the code'],
    ['00743110158', 'numeric code with a wrong check digit'],
    ['0074311015A', 'a letter in a numeric code'],
    ['0074311015', '10 digits'],
  ])('rejects %s (%s)', (code) => {
    expect(isValidTaxCode(code)).toBe(false);
  });

  test.each([['rssmra80a01h501u'], ['  RSSMRA80A01H501U  '], ['\tRssMra80a01h501U\n']])(
    'accepts %j once trimmed and upper-cased',
    (input) => {
      expect(isValidTaxCode(input)).toBe(true);
      expect(normalizeTaxCode(input)).toBe('RSSMRA80A01H501U');
    },
  );
});

describe('computeTaxCodeCheckChar', () => {
  test.each([
    ['RSSMRA80A01H501', 'U'],
    ['RCCMNL83S18D969', 'H'],
    ['CNTCHR83T41D969', 'D'],
    ['MRSMSR81D60Z611', 'H'],
    ['BNCSFN85T58G702', 'W'],
  ])('check char of %s is %s', (first15, expected) => {
    expect(computeTaxCodeCheckChar(first15)).toBe(expected);
  });
});

describe('decodeTaxCode', () => {
  test.each([
    ['RSSMRA80A01H501U', { birthDate: { year2digits: 80, month: 1, day: 1 }, sex: 'M', placeCode: 'H501' }],
    ['BNCLRA85M52F205I', { birthDate: { year2digits: 85, month: 8, day: 12 }, sex: 'F', placeCode: 'F205' }],
    ['CNTCHR83T41D969D', { birthDate: { year2digits: 83, month: 12, day: 1 }, sex: 'F', placeCode: 'D969' }],
    ['MRSMSR81D60Z611H', { birthDate: { year2digits: 81, month: 4, day: 20 }, sex: 'F', placeCode: 'Z611' }],
    ['RSSMRAULALMHRLMD', { birthDate: { year2digits: 80, month: 1, day: 1 }, sex: 'M', placeCode: 'H501' }],
    ['RSSMRA80A01H50MM', { birthDate: { year2digits: 80, month: 1, day: 1 }, sex: 'M', placeCode: 'H501' }],
    ['rssmra80a01h501u', { birthDate: { year2digits: 80, month: 1, day: 1 }, sex: 'M', placeCode: 'H501' }],
  ])('decodes %s, omocodia included', (code, expected) => {
    expect(decodeTaxCode(code)).toEqual(expected);
  });

  test.each([['RSSMRA80A01H501X'], ['00743110157'], ['garbage']])('gives null for %s', (code) => {
    expect(decodeTaxCode(code)).toBeNull();
  });
});

describe('taxCodeKind', () => {
  test.each([
    ['RSSMRA80A01H501U', 'person'],
    ['00743110157', 'entity'],
    ['RSSMRA80A01H501X', null],
  ])('%s is %s', (code, kind) => {
    expect(taxCodeKind(code)).toBe(kind);
  });
});
