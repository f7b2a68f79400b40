import { effectiveChunkSize, allowedMailingActions, audienceSchema, minChunkMillis, planBatches, planChunks, sumProgress, type MailingState } from './mailing';

describe('allowedMailingActions', () => {
  it.each<[MailingState, string[]]>([
    ['preparing', ['cancel']],
    ['running', ['pause', 'cancel']],
    ['paused', ['resume', 'cancel']],
    ['cancelled', []],
    ['completed', []],
  ])('%s allows %j', (state, actions) => expect(allowedMailingActions(state)).toEqual(actions));
});

describe('planBatches', () => {
  it.each([
    [0, 10, []],
    [5, 10, [{ index: 0, from: 1, to: 5 }]],
    [20, 10, [{ index: 0, from: 1, to: 10 }, { index: 1, from: 11, to: 20 }]],
    [21, 10, [{ index: 0, from: 1, to: 10 }, { index: 1, from: 11, to: 20 }, { index: 2, from: 21, to: 21 }]],
  ])('%i recipients in batches of %i', (total, size, expected) => expect(planBatches(total, size)).toEqual(expected));
  it('refuses a batch size below 1', () => expect(() => planBatches(10, 0)).toThrow(RangeError));
});

describe('planChunks', () => {
  it('splits a batch range', () => expect(planChunks({ from: 11, to: 25 }, 10)).toEqual([{ from: 11, to: 20 }, { from: 21, to: 25 }]));
});

describe('minChunkMillis', () => {
  it.each([
    [50, 0, 4, 0],
    [10, 5, 1, 2000],
    [10, 10, 2, 2000],
    [1, 3, 1, 334],
  ])('%i messages at %i/s with %i batches → %i ms', (count, rate, parallel, ms) => expect(minChunkMillis(count, rate, parallel)).toBe(ms));
});

describe('sumProgress', () => {
  it('counts pending as what is not accounted for', () =>
    expect(sumProgress(100, [{ sent: 30, failed: 2, skipped: 1 }, { sent: 10, failed: 0, skipped: 0 }])).toEqual({ total: 100, sent: 40, failed: 2, skipped: 1, pending: 57 }));
});

describe('audienceSchema', () => {
  it('accepts the three audiences', () => {
    expect(audienceSchema.safeParse({ kind: 'members' }).success).toBe(true);
    expect(audienceSchema.safeParse({ kind: 'contacts' }).success).toBe(true);
    expect(audienceSchema.safeParse({ kind: 'case_parties', caseIds: ['1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b'] }).success).toBe(true);
  });
  it('refuses case parties without cases and unknown kinds', () => {
    expect(audienceSchema.safeParse({ kind: 'case_parties', caseIds: [] }).success).toBe(false);
    expect(audienceSchema.safeParse({ kind: 'everyone' }).success).toBe(false);
  });
});

describe('effectiveChunkSize', () => {
  it.each([
    [100, 0, 4, 100],
    [100, 10, 1, 10],
    [100, 10, 4, 3],
    [100, 1, 4, 1],
    [5, 1000, 2, 5],
  ])('chunk %i at %i/s over %i batches → %i', (chunk, rate, parallel, expected) => expect(effectiveChunkSize(chunk, rate, parallel)).toBe(expected));
});
