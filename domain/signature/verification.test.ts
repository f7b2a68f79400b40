import { reportOutcome, signatureOutcome, verificationProblemCodes, problemMessages, type VerificationProblemCode } from './verification';

describe('signature outcome', () => {
  it.each<[VerificationProblemCode[], string]>([
    [[], 'valid'],
    [['ROOT_NOT_TRUSTED'], 'indeterminate'],
    [['CHAIN_INCOMPLETE', 'SIGNING_TIME_MISSING'], 'indeterminate'],
    [['DIGEST_MISMATCH'], 'invalid'],
    [['ROOT_NOT_TRUSTED', 'CERT_EXPIRED'], 'invalid'],
    [['SIGNER_MISMATCH'], 'invalid'],
    [['DOCUMENT_REWRITTEN'], 'invalid'],
  ])('%j → %s', (problems, outcome) => {
    expect(signatureOutcome(problems)).toBe(outcome);
  });

  it.each([
    [[], [], 'invalid'],
    [[{ outcome: 'valid' as const }], [], 'valid'],
    [[{ outcome: 'valid' as const }, { outcome: 'indeterminate' as const }], [], 'indeterminate'],
    [[{ outcome: 'valid' as const }], ['MODIFIED_AFTER_LAST_SIGNATURE' as const], 'indeterminate'],
    [[{ outcome: 'valid' as const }], ['CONTENT_MISMATCH' as const], 'invalid'],
  ])('file with %j and file problems %j → %s', (signatures, problems, outcome) => {
    expect(reportOutcome(signatures, problems)).toBe(outcome);
  });

  it('has Italian and English wording for every code', () => {
    for (const code of verificationProblemCodes) {
      expect(problemMessages[code].it.length).toBeGreaterThan(10);
      expect(problemMessages[code].en.length).toBeGreaterThan(10);
    }
  });
});
