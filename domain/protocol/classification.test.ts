import { assertNodeFits, assertUsableClassification, classificationPath, defaultTitolario, parentCode, type ClassificationNode } from './classification';

const scheme: ClassificationNode[] = [
  { code: 'I', title: 'Amministrazione', active: true },
  { code: 'I.1', title: 'Organi', active: true },
  { code: 'I.1.2', title: 'Consiglio', active: true },
  { code: 'II', title: 'Albo', active: false },
  { code: 'II.1', title: 'Iscrizioni', active: true },
];

describe('titolario', () => {
  it.each([
    ['I', null],
    ['I.1', 'I'],
    ['I.1.2', 'I.1'],
  ])('parent of %s is %p', (code, parent) => expect(parentCode(code)).toBe(parent));

  it('gives the path from the top level down', () => {
    expect(classificationPath(scheme, 'I.1.2').map((n) => n.code)).toEqual(['I', 'I.1', 'I.1.2']);
  });

  it.each([
    ['X', 'UNKNOWN'],
    ['II.1', 'INACTIVE'], // under an inactive titolo
    ['II', 'INACTIVE'],
  ])('refuses classification %s (%s)', (code, reason) => {
    expect(() => assertUsableClassification(scheme, code)).toThrow(
      expect.objectContaining({ code: 'CLASSIFICATION_UNKNOWN', fields: [{ path: 'classificationCode', code: reason }] }),
    );
  });

  it('accepts an active class', () => expect(assertUsableClassification(scheme, 'I.1').title).toBe('Organi'));

  it.each([
    [{ code: 'I.2', title: 'x', active: true }, null],
    [{ code: 'III.1', title: 'x', active: true }, 'PARENT_NOT_FOUND'],
    [{ code: 'I.1', title: 'x', active: true }, 'DUPLICATE'],
    [{ code: 'I.1.2.3', title: 'x', active: true }, 'INVALID_CLASSIFICATION_CODE'],
  ])('node %j fits the scheme unless %p', (node, problem) => {
    if (problem === null) expect(() => assertNodeFits(scheme, node)).not.toThrow();
    else expect(() => assertNodeFits(scheme, node)).toThrow(expect.objectContaining({ fields: [{ path: 'code', code: problem }] }));
  });

  it('ships a consistent default scheme', () => {
    const built: ClassificationNode[] = [];
    for (const n of defaultTitolario) {
      assertNodeFits(built, n);
      built.push(n);
    }
    expect(built.length).toBe(defaultTitolario.length);
  });
});
