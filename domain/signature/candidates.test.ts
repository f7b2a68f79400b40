import { isCompleteCandidate, splitFullName } from './candidates';

describe('splitFullName', () => {
  it.each([
    ['Giuseppe Verdi', { givenName: 'Giuseppe', surname: 'Verdi' }],
    ['  Anna   De Luca ', { givenName: 'Anna', surname: 'De Luca' }],
    ['Cher', { givenName: 'Cher', surname: 'Cher' }],
    ['', { givenName: '', surname: '' }],
  ])('splits %j', (input, expected) => {
    expect(splitFullName(input)).toEqual(expected);
  });
});

describe('isCompleteCandidate', () => {
  const person = { givenName: 'Mario', surname: 'Rossi', taxCode: 'RSSMRA80A01H501U', email: 'm@example.it' };
  it.each([
    ['a person with tax code and e-mail', person, true],
    ['no e-mail', { ...person, email: null }, false],
    ['no tax code', { ...person, taxCode: null }, false],
    ['a company code', { ...person, taxCode: '00743110157' }, false],
    ['a company (no names)', { ...person, givenName: null, surname: null }, false],
  ])('%s → %s', (_label, candidate, expected) => {
    expect(isCompleteCandidate(candidate)).toBe(expected);
  });
});
