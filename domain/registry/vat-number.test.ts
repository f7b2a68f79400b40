import { computeVatCheckDigit, hasVatCheckDigit, isValidVatNumber, normalizeVatNumber } from './vat-number';

/** Completes 10 digits with their check digit, to build numbers that fail only another rule. */
const withCheckDigit = (first10: string) => first10 + String(computeVatCheckDigit(first10));

describe('isValidVatNumber', () => {
  test.each([
    ['00743110157', 'a real company, office 015 (Milan)'],
    ['IT00743110157', 'with the IT prefix'],
    ['it 00743110157', 'lower-case prefix and a space'],
    [' 007 431 101 57 ', 'spaces around and inside'],
    ['007.431.101-57', 'dots and dashes'],
    [withCheckDigit('1234567001'), 'office 001'],
    [withCheckDigit('1234567100'), 'office 100'],
    [withCheckDigit('1234567120'), 'office 120'],
    [withCheckDigit('1234567121'), 'office 121'],
    [withCheckDigit('1234567888'), 'office 888'],
    [withCheckDigit('1234567999'), 'office 999'],
  ])('accepts %j (%s)', (vat) => {
    expect(isValidVatNumber(vat)).toBe(true);
  });

  test.each([
    ['01234567897', 'right check digit but office 789 does not exist'],
    ['00743110158', 'wrong check digit'],
    ['00743110150', 'wrong check digit (0)'],
    [withCheckDigit('1234567000'), 'office 000'],
    [withCheckDigit('1234567101'), 'office 101'],
    [withCheckDigit('1234567119'), 'office 119'],
    [withCheckDigit('1234567122'), 'office 122'],
    [withCheckDigit('0000000015'), 'serial number all zeros'],
    ['0074311015', '10 digits'],
    ['007431101577', '12 digits'],
    ['0074311015A', 'a letter'],
    ['DE00743110157', 'another country prefix'],
    ['', 'empty'],
  ])('rejects %j (%s)', (vat) => {
    expect(isValidVatNumber(vat)).toBe(false);
  });
});

describe('hasVatCheckDigit', () => {
  test('checks the digit only, not the office code', () => {
    expect(hasVatCheckDigit('01234567897')).toBe(true);
    expect(hasVatCheckDigit('01234567890')).toBe(false);
  });
});

describe('computeVatCheckDigit', () => {
  test.each([
    ['0074311015', 7],
    ['0123456789', 7],
    ['1234567001', 7],
  ])('check digit of %s is %i', (first10, digit) => {
    expect(computeVatCheckDigit(first10)).toBe(digit);
  });
});

describe('normalizeVatNumber', () => {
  test.each([
    ['IT00743110157', '00743110157'],
    [' it 007-431-101.57 ', '00743110157'],
    ['00743110157', '00743110157'],
  ])('%j → %s', (input, expected) => {
    expect(normalizeVatNumber(input)).toBe(expected);
  });
});
