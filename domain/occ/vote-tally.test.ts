import { tallyVote, type TallyClaim } from './vote-tally';

let n = 0;
const claim = (creditorKey: string, capitalCents: number, vote: TallyClaim['vote'], over: Partial<TallyClaim> = {}): TallyClaim => ({
  claimId: `c${++n}`, creditorKey, vote, capitalCents, interestCents: 0, costsCents: 0, rank: 'chirografo', incapienteCents: 0,
  proposedTreatmentBp: 3_000, admittedToVoteOverrideCents: null, waivedPrelazione: false, classCode: null, ...over,
});

describe('tallyVote', () => {
  it('counts silence as consent (art. 79 co. 3): 40 % dissent, 60 % silent → approved', () => {
    const t = tallyVote([claim('A', 40_000, 'dissent'), claim('B', 30_000, null), claim('C', 30_000, null)]);
    expect(t).toMatchObject({ approved: true, admittedCents: 100_000, consentingCents: 60_000, explicitConsentCents: 0, silentCents: 60_000, dissentingCents: 40_000, creditsMajority: true });
    expect(t.explanation.it).toContain('Proposta approvata.');
    expect(t.explanation.it).toContain('silenzio-assenso');
    expect(t.explanation.en).toContain('Proposal approved.');
  });

  it('needs more than half: exactly 50 % consenting fails', () => {
    const t = tallyVote([claim('A', 50_000, 'dissent'), claim('B', 50_000, 'consent')]);
    expect(t.approved).toBe(false);
    expect(t.explanation.it).toContain('non è raggiunta');
  });

  it('counts a late vote as silence: the late dissent does not count, the claim consents', () => {
    const t = tallyVote([claim('A', 45_000, 'dissent'), claim('B', 40_000, null, { lateVotes: 1 }), claim('C', 15_000, null)]);
    expect(t.approved).toBe(true);
    expect(t.lateVotes).toBe(1);
    expect(t.lines.find((l) => l.creditorKey === 'B')).toMatchObject({ status: 'silent', late: true });
    expect(t.explanation.it).toContain('oltre il termine');
  });

  it('lets a privileged creditor vote only for the unpaid part', () => {
    // Bank: ipoteca 200,000 paid 90 % → votes 20,000; dissents. Others 30,000 consent.
    const t = tallyVote([claim('BANK', 200_000, 'dissent', { rank: 'ipoteca', proposedTreatmentBp: 9_000 }), claim('B', 30_000, 'consent'), claim('C', 10_000, null)]);
    expect(t.admittedCents).toBe(60_000);
    expect(t.dominantCreditor).toBeNull();
    expect(t.dissentingCents).toBe(20_000);
    expect(t.approved).toBe(true);
  });

  it('excludes claims with nothing admitted (prededuzione, preferred paid in full)', () => {
    const t = tallyVote([claim('P', 10_000, 'dissent', { rank: 'prededuzione' }), claim('B', 10_000, 'consent')]);
    expect(t.lines.find((l) => l.creditorKey === 'P')!.status).toBe('not_admitted');
    expect(t.approved).toBe(true);
  });

  it('with classes also needs the majority of classes', () => {
    const t = tallyVote([
      claim('A', 60_000, 'consent', { classCode: 'banche' }),
      claim('B', 20_000, 'dissent', { classCode: 'fornitori' }),
      claim('C', 20_000, 'dissent', { classCode: 'erario' }),
    ]);
    expect(t.creditsMajority).toBe(true);
    expect(t.classes).toEqual([
      { classCode: 'banche', admittedCents: 60_000, consentingCents: 60_000, approved: true },
      { classCode: 'erario', admittedCents: 20_000, consentingCents: 0, approved: false },
      { classCode: 'fornitori', admittedCents: 20_000, consentingCents: 0, approved: false },
    ]);
    expect(t.classesMajority).toBe(false);
    expect(t.approved).toBe(false);
    expect(t.explanation.it).toContain('Classi: 1 su 3');
  });

  describe('a creditor holding more than 50 %', () => {
    const claims = () => [claim('BIG', 70_000, 'consent'), claim('S1', 10_000, 'dissent'), claim('S2', 10_000, 'dissent'), claim('S3', 10_000, null)];

    it('with silence counted as expressed (Trib. Milano 14/10/2025, the default) 2 of 4 heads is not a majority', () => {
      const t = tallyVote(claims());
      expect(t.dominantCreditor).toEqual({ creditorKey: 'BIG', shareBp: 7_000 });
      expect(t.heads).toEqual({ consenting: 2, dissenting: 2, expressed: 4, majority: false });
      expect(t.creditsMajority).toBe(true);
      expect(t.approved).toBe(false);
      expect(t.explanation.it).toContain('Trib. Milano 14/10/2025');
    });

    it('without counting silence, 1 of 3 expressed heads is not a majority either; with one more consent it passes', () => {
      expect(tallyVote(claims(), { silenceCountsAsExpressed: false }).heads).toEqual({ consenting: 1, dissenting: 2, expressed: 3, majority: false });
      const more = [claim('BIG', 70_000, 'consent'), claim('S1', 10_000, 'consent'), claim('S2', 10_000, 'dissent'), claim('S3', 10_000, null)];
      expect(tallyVote(more, { silenceCountsAsExpressed: false }).approved).toBe(true);
      expect(tallyVote(more).heads).toEqual({ consenting: 3, dissenting: 1, expressed: 4, majority: true });
    });

    it('counts a creditor with several claims once', () => {
      const t = tallyVote([claim('BIG', 40_000, 'consent'), claim('BIG', 20_000, 'consent'), claim('S1', 40_000, 'dissent')]);
      expect(t.dominantCreditor!.creditorKey).toBe('BIG');
      expect(t.heads).toEqual({ consenting: 1, dissenting: 1, expressed: 2, majority: false });
    });
  });

  it('does not approve when nothing is admitted to vote, and says why', () => {
    const t = tallyVote([claim('P', 10_000, null, { rank: 'prededuzione' })]);
    expect(t.approved).toBe(false);
    expect(t.explanation.en).toContain('no credit is admitted');
  });

  it('lists the numbers in the explanation (Italian and English formats)', () => {
    const t = tallyVote([claim('A', 123_456, 'consent'), claim('B', 100_000, 'dissent')]);
    expect(t.explanation.it).toContain('2.234,56 €');
    expect(t.explanation.it).toContain('55,25 %');
    expect(t.explanation.en).toContain('2,234.56 €');
    expect(t.explanation.en).toContain('55.25 %');
  });
});
