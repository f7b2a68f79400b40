import { feeOutcomeOf, isAgreement, outcomeCodeFor } from './outcomes';

describe('outcomeCodeFor', () => {
  it.each([
    ['agreement', 1, 'ACCORDO_PRIMO_INCONTRO'],
    ['agreement', 2, 'ACCORDO_INCONTRI_SUCCESSIVI'],
    ['no_agreement', 1, 'MANCATO_ACCORDO_PRIMO_INCONTRO'],
    ['no_agreement', 3, 'MANCATO_ACCORDO'],
    ['invited_absent', 1, 'MANCATA_PARTECIPAZIONE'],
    ['invited_absent', 2, 'MANCATA_PARTECIPAZIONE'],
  ] as const)('records %s after %i meeting(s) as %s', (kind, held, code) => {
    expect(outcomeCodeFor(kind, held)).toBe(code);
  });
});

describe('feeOutcomeOf', () => {
  it.each([
    [null, 'pending'],
    ['ACCORDO_PRIMO_INCONTRO', 'agreement_first_meeting'],
    ['ACCORDO_INCONTRI_SUCCESSIVI', 'agreement_later'],
    ['ACCORDO_SU_PROPOSTA', 'agreement_later'],
    ['MANCATO_ACCORDO_PRIMO_INCONTRO', 'no_agreement_first_meeting'],
    ['MANCATO_ACCORDO', 'no_agreement_later'],
    ['MANCATA_PARTECIPAZIONE', 'absent'],
  ] as const)('maps %s to the fee outcome %s', (code, fee) => {
    expect(feeOutcomeOf(code)).toBe(fee);
  });

  it('tells agreements apart', () => {
    expect(isAgreement('ACCORDO_SU_PROPOSTA')).toBe(true);
    expect(isAgreement('MANCATO_ACCORDO')).toBe(false);
  });
});
