import { boxesOverlap, defaultBox, minutesGroup, stepsFromGroups } from './cycle-plan';

describe('stepsFromGroups', () => {
  it.each([
    ['one signer', [{ id: 'a', group: 1 }], [['a']]],
    ['parallel', [{ id: 'a', group: 1 }, { id: 'b', group: 1 }], [['a', 'b']]],
    ['sequence with gaps and disorder', [{ id: 'm', group: 5 }, { id: 'a', group: 1 }, { id: 'b', group: 1 }, { id: 'c', group: 3 }], [['a', 'b'], ['c'], ['m']]],
    ['none', [], []],
  ])('%s', (_label, signers, expected) => {
    expect(stepsFromGroups(signers)).toEqual(expected);
  });
});

describe('defaultBox', () => {
  it('lays boxes out three per row without overlap', () => {
    const boxes = Array.from({ length: 7 }, (_, i) => defaultBox(i));
    expect(boxes[0]).toEqual({ page: 1, x: 40, y: 60, width: 165, height: 60 });
    expect(boxes[3]).toMatchObject({ x: 40, y: 135 });
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(boxesOverlap(boxes[i]!, boxes[j]!)).toBe(false);
  });
  it('keeps the page given', () => expect(defaultBox(0, 4).page).toBe(4));
});

describe('boxesOverlap', () => {
  const a = { page: 1, x: 0, y: 0, width: 100, height: 50 };
  it.each([
    ['same box', a, true],
    ['touching edge', { ...a, x: 100 }, false],
    ['partly over', { ...a, x: 50, y: 25 }, true],
    ['other page', { ...a, page: 2 }, false],
  ])('%s → %s', (_label, b, expected) => expect(boxesOverlap(a, b)).toBe(expected));
});

describe('minutesGroup', () => {
  it.each([
    ['party', 1],
    ['lawyer', 1],
    ['mediator', 2],
  ] as const)('%s signs in group %d', (role, group) => expect(minutesGroup(role)).toBe(group));
});
