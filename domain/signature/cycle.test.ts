import { cycleRequestSchema, maskDestination, minutesSteps, signerActions, stepProblems } from './cycle';

const signer = (id: string, taxCode: string, role = 'party') => ({ id, givenName: 'N', surname: 'S', taxCode, email: `${id}@example.it`, role });

describe('signature cycle rules', () => {
  it.each([
    [[['a', 'b'], ['c']], []],
    [[['a'], ['b'], ['c']], []],
    [[['a', 'b']], ['signer c is in no step']],
    [[['a', 'b', 'c'], ['c']], ['a signer appears in more than one step']],
    [[['a', 'b', 'c', 'x']], ['unknown signer x']],
  ])('steps %j → %j', (steps, problems) => {
    expect(stepProblems([signer('a', 'A'), signer('b', 'B'), signer('c', 'C')], steps)).toEqual(problems);
  });

  it('refuses the same person twice', () => {
    expect(stepProblems([signer('a', 'A'), signer('b', 'A')], [['a', 'b']])).toEqual(['the same person is listed twice']);
  });

  it('puts parties and lawyers first, in parallel, and the mediator last (art. 8-bis)', () => {
    expect(minutesSteps([{ id: 'm', role: 'mediator' }, { id: 'p1', role: 'party' }, { id: 'l1', role: 'lawyer' }, { id: 'p2', role: 'party' }])).toEqual([['p1', 'l1', 'p2'], ['m']]);
  });

  it('validates a request: tax codes checked and normalised, steps consistent', () => {
    const base = { title: 'Verbale', documentIds: ['3f0e6a7c-1c1a-4c8e-9a55-0d2b4c7e9f10'], deadlineSeconds: 3600, steps: [['a']] };
    const ok = cycleRequestSchema.safeParse({ ...base, signers: [signer('a', 'rssmra80a01h501u')] });
    expect(ok.success && ok.data.signers[0]!.taxCode).toBe('RSSMRA80A01H501U');
    expect(ok.success && ok.data.format).toBe('pades');
    expect(cycleRequestSchema.safeParse({ ...base, signers: [signer('a', 'RSSMRA80A01H501X')] }).success).toBe(false);
    expect(cycleRequestSchema.safeParse({ ...base, signers: [signer('a', 'RSSMRA80A01H501U')], steps: [['b']] }).success).toBe(false);
  });

  it.each([
    ['running', 'invited', ['download', 'uploadSigned', 'requestCode', 'signWithCode', 'refuse']],
    ['running', 'waiting', []],
    ['running', 'signed', ['download']],
    ['cancelled', 'invited', []],
    ['expired', 'opened', []],
  ] as const)('cycle %s, signer %s → %j', (cycle, status, actions) => {
    expect(signerActions(cycle, status)).toEqual(actions);
  });

  it.each([
    ['one-shot', ['download', 'requestCode', 'signWithCode', 'refuse']],
    ['own-device', ['download', 'uploadSigned', 'refuse']],
    [null, ['download', 'uploadSigned', 'requestCode', 'signWithCode', 'refuse']],
  ] as const)('a signer restricted to %s may only %j', (method, actions) => {
    expect(signerActions('running', 'opened', method)).toEqual(actions);
  });

  it.each([
    ['mario.rossi@example.it', 'm***i@e***e.it'],
    ['+39 333 1234567', '*********4567'],
  ])('masks %s', (value, masked) => {
    expect(maskDestination(value)).toBe(masked);
  });
});
