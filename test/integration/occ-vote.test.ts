/**
 * The economics of an OCC file run by the workflow, through the real API: a concordato minore whose
 * creditors vote inside the 30-day window (compressed to seconds) with PEC evidence, a privileged
 * creditor voting only for its unpaid part, a silent creditor counted as consenting, a late dissent
 * kept as late and not counted; the workflow closes the vote at the term and the result with its
 * explanation is in the state and the timeline. Then the file is found in Temporal's visibility store
 * (what the Temporal Web UI lists) by body, number, procedure and stage — across continue-as-new and
 * after a conversion into liquidazione controllata. Last, bad input on the economics of real files
 * (negative amounts, reduction outside 15–40 %, a liquidation claim without PEC) is refused and
 * changes nothing.
 */
import type { WorkflowExecutionInfo } from '@temporalio/client';
import { QueryTypes } from 'sequelize';
import request from 'supertest';
import { occSetup, waitFor } from '../helpers/occ-flow';
import { startStack, type Stack } from '../helpers/stack';
import { StageAttr } from '../../workflows/shared/search-attributes';

let stack: Stack;
let f: Awaited<ReturnType<typeof occSetup>>;

beforeAll(async () => {
  // 1 day ≈ 0.35 s: the 30-day vote window stays open ≈ 11 s, long enough to record votes through the API.
  stack = await startStack({ config: { DEADLINE_TIME_SCALE: '250000' } });
  f = await occSetup(stack);
});
afterAll(() => stack.stop());

const count = async (sql: string, replacements: Record<string, unknown>) =>
  (await stack.sequelize.query<{ n: number }>(sql, { type: QueryTypes.SELECT, replacements }))[0]!.n;
const votesOf = (caseId: string) => count('SELECT count(*)::int AS n FROM occ_votes WHERE case_id = :caseId', { caseId });
const claimsOf = (caseId: string) => count('SELECT count(*)::int AS n FROM occ_claims WHERE case_id = :caseId', { caseId });
const auditOf = (caseId: string) => count("SELECT count(*)::int AS n FROM audit_log WHERE entity_id = :caseId OR details->>'caseId' = :caseId", { caseId });

/** A PEC message as the creditor sent it (the .eml is the evidence of the vote). */
const pecMessage = (from: string, text: string) =>
  Buffer.from(`From: ${from}\r\nTo: occ@pec.example.it\r\nSubject: Voto sulla proposta di concordato minore\r\nMessage-ID: <${Date.now()}.${from}>\r\nDate: ${new Date().toUTCString()}\r\n\r\n${text}\r\n`);

const eur = (thousands: number) => thousands * 100_000;

describe('concordato minore: the vote on the real workflow', () => {
  const file = { caseId: '', caseNumber: '', workflowId: '', claims: {} as Record<string, string> };
  const creditors = [
    // 30,000 € unsecured, consents by PEC.
    { creditorName: 'Banca Alfa S.p.A.', pec: 'alfa@pec.example.it', capitalCents: eur(30), rank: 'chirografo', proposedTreatmentBp: 3_000 },
    // 30,000 € unsecured, dissents by PEC.
    { creditorName: 'Finanziaria Beta S.p.A.', pec: 'beta@pec.example.it', capitalCents: eur(30), rank: 'chirografo', proposedTreatmentBp: 3_000 },
    // 10,000 € unsecured, no PEC: cannot vote "by PEC", stays silent.
    { creditorName: 'Fornitore Gamma S.r.l.', capitalCents: eur(10), rank: 'chirografo', proposedTreatmentBp: 3_000 },
    // 20,000 € unsecured, its dissent arrives after the term.
    { creditorName: 'Leasing Delta S.p.A.', pec: 'delta@pec.example.it', capitalCents: eur(20), rank: 'chirografo', proposedTreatmentBp: 3_000 },
    // 40,000 € mortgage paid at 75 %: votes only for the unpaid 10,000 € (art. 79 co. 3); dissents on paper.
    { creditorName: 'Banca Epsilon S.p.A.', pec: 'epsilon@pec.example.it', capitalCents: eur(40), rank: 'ipoteca', proposedTreatmentBp: 7_500 },
  ];

  it('records votes in the window with evidence, refuses bad votes, closes at the term and keeps the late dissent out of the count', async () => {
    const m = await f.crisisManager();
    const opened = await f.open({ procedure: 'CONCORDATO_MINORE', debtorCategory: 'imprenditore_minore' }, creditors);
    Object.assign(file, opened, { claims: Object.fromEntries(opened.claims.map((c) => [c.creditorName.split(' ')[1]!, c.id])) });
    const { caseId } = file;
    await f.mandated(caseId, m);
    await f.filed(caseId, m);
    await f.until(caseId, (s) => s.run === 2);

    const opening = await f.court(caseId, 'APERTURA_CONCORDATO');
    expect(opening.stage).toBe('VOTAZIONE');
    const { opensAt, closesAt } = opening.vote as { opensAt: string; closesAt: string };
    const window = await f.must(f.sec.get(`/occ-files/${caseId}/vote`));
    expect(window.window).toMatchObject({ status: 'open', opensAt, closesAt });

    const evidence = async (name: string, bytes: Buffer, type: string) =>
      (await f.must(request(stack.app).post(`${f.base}/occ-files/${caseId}/vote-evidence`).set('Authorization', `Bearer ${f.secToken}`).set('Content-Type', type).set('X-Filename', name).send(bytes), 201)).id as string;
    const vote = (claim: string, body: Record<string, unknown>) =>
      request(stack.app).post(`${f.base}/occ-files/${caseId}/votes`).set('Authorization', `Bearer ${f.secToken}`).send({ claimId: file.claims[claim], receivedAt: new Date().toISOString(), ...body });

    // In the window: a consent and a dissent by PEC (the .eml kept), a dissent on paper (a PDF scan).
    const alfa = await vote('Alfa', { choice: 'consent', channel: 'pec', evidenceDocumentId: await evidence('voto-alfa.eml', pecMessage('alfa@pec.example.it', 'Aderiamo alla proposta.'), 'message/rfc822') });
    expect(alfa.status).toBe(201);
    expect(alfa.body).toMatchObject({ choice: 'consent', channel: 'pec', late: false });
    expect((await vote('Beta', { choice: 'dissent', channel: 'pec', evidenceDocumentId: await evidence('voto-beta.eml', pecMessage('beta@pec.example.it', 'Non aderiamo.'), 'message/rfc822') })).status).toBe(201);
    const scan = await f.sec.upload(caseId, 'voto-epsilon.pdf');
    expect((await vote('Epsilon', { choice: 'dissent', channel: 'paper', evidenceDocumentId: scan })).status).toBe(201);

    // Refused, nothing recorded: "by PEC" from a creditor without PEC; before the window opened; a second vote.
    const votes = await votesOf(caseId);
    const audit = await auditOf(caseId);
    const noPec = await vote('Gamma', { choice: 'consent', channel: 'pec' });
    expect(noPec.status).toBe(422);
    expect(noPec.body.error).toMatchObject({ code: 'OCC_PEC_REQUIRED', fields: [{ path: 'pec', code: 'PEC_REQUIRED' }] });
    expect(noPec.body.error.message.it).toBeTruthy();
    const early = await vote('Gamma', { choice: 'consent', channel: 'paper', receivedAt: new Date(Date.parse(opensAt) - 60_000).toISOString() });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'OCC_VOTE_OUTSIDE_WINDOW', fields: [{ path: 'receivedAt', code: 'BEFORE_OPENING' }] });
    const again = await vote('Alfa', { choice: 'dissent', channel: 'paper' });
    expect(again.body.error.code).toBe('OCC_VOTE_ALREADY_RECORDED');
    expect(await votesOf(caseId)).toBe(votes);
    expect(await auditOf(caseId)).toBe(audit);

    // The workflow closes the vote at the term by itself.
    const closed = await f.until(caseId, (s) => s.stage === 'VOTAZIONE_CHIUSA', 60_000);
    expect(Date.now()).toBeGreaterThan(Date.parse(closesAt));
    // Admitted 100,000 €: Alfa 30,000 + Beta 30,000 + Gamma 10,000 + Delta 20,000 + Epsilon's unpaid 10,000.
    // Dissent: Beta 30,000 + Epsilon 10,000; consent: Alfa 30,000 + silent Gamma and Delta 30,000 = 60 % → approved.
    const result = (closed.vote as { result: Record<string, unknown> & { explanation: { it: string; en: string } } }).result;
    expect(result).toMatchObject({ approved: true, admittedCents: eur(100), consentingCents: eur(60), dissentingCents: eur(40), silentCents: eur(30), lateVotes: 0 });
    expect(result.explanation.it).toMatch(/^Proposta approvata\./);
    expect(result.explanation.en).toBeTruthy();

    // Delta's dissent arrives after the term: without the late flag it is refused, with it it is kept as late.
    const afterTerm = { choice: 'dissent', channel: 'pec', evidenceDocumentId: await evidence('voto-delta.eml', pecMessage('delta@pec.example.it', 'Non aderiamo.'), 'message/rfc822') };
    const before = await votesOf(caseId);
    const refused = await vote('Delta', afterTerm);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'OCC_VOTE_OUTSIDE_WINDOW', fields: [{ path: 'receivedAt', code: 'AFTER_TERM' }] });
    expect(await votesOf(caseId)).toBe(before);
    const late = await vote('Delta', { ...afterTerm, late: true });
    expect(late.status).toBe(201);
    expect(late.body).toMatchObject({ late: true, choice: 'dissent' });
    // Had it counted, dissent would be 60,000 of 100,000 and the proposal rejected: the result stands.
    const view = await f.must(f.sec.get(`/occ-files/${caseId}/vote`));
    expect(view.window.status).toBe('closed');
    expect(view.votes).toHaveLength(4);
    expect(view.votes.filter((v: { late: boolean }) => v.late)).toHaveLength(1);
    expect(view.tally).toMatchObject({ approved: true, consentingCents: eur(60), dissentingCents: eur(40) });
    expect((await f.stateOf(caseId)).vote.result).toEqual(result);

    // The timeline has the closing with the figures and the explanation.
    const events = await f.must(f.sec.get(`/occ-files/${caseId}/events`));
    const closing = events.items.find((e: { kind: string }) => e.kind === 'VOTAZIONE_CHIUSA');
    expect(closing.details).toMatchObject({ approved: true, consentingCents: eur(60), dissentingCents: eur(40), silentCents: eur(30), lateVotes: 0, explanation: result.explanation });
  });

  /** Executions of the file the visibility store lists for `query` (eventually consistent: polled). */
  const visible = (query: string, ok: (list: WorkflowExecutionInfo[]) => boolean) =>
    waitFor(
      async () => {
        const list: WorkflowExecutionInfo[] = [];
        for await (const w of stack.temporal.client.workflow.list({ query })) list.push(w);
        return list;
      },
      ok,
      30_000,
    );
  const byFile = (procedure: string, stage: string) =>
    `BodyId = '${f.tenant.bodyId}' AND CaseNumber = '${file.caseNumber}' AND ProcedureKind = '${procedure}' AND Stage = '${stage}'`;

  it('is found by body, number, procedure and stage in the visibility store, across continue-as-new and after conversion', async () => {
    const { caseId, workflowId } = file;
    expect(caseId).not.toBe('');
    const voteRun = await f.runId(workflowId);
    const atVote = await visible(`${byFile('CONCORDATO_MINORE', 'VOTAZIONE_CHIUSA')} AND ExecutionStatus = 'Running'`, (l) => l.length === 1);
    expect(atVote[0]).toMatchObject({ workflowId, runId: voteRun, type: 'overindebtedness' });

    // Omologa: the execution phase is a new run, found with the same attributes.
    await f.court(caseId, 'OMOLOGA');
    await f.until(caseId, (s) => s.stage === 'IN_ESECUZIONE' && s.run === 3);
    const execRun = await f.runId(workflowId);
    expect(execRun).not.toBe(voteRun);
    const inExecution = await visible(byFile('CONCORDATO_MINORE', 'IN_ESECUZIONE'), (l) => l.some((w) => w.runId === execRun));
    expect(inExecution.find((w) => w.runId === execRun)!.status.name).toBe('RUNNING');
    // The closed run of the court phase is listed as continued-as-new, with the stage it handed over.
    const courtRuns = await visible(`BodyId = '${f.tenant.bodyId}' AND CaseNumber = '${file.caseNumber}' AND ExecutionStatus = 'ContinuedAsNew'`, (l) => l.some((w) => w.runId === voteRun));
    expect(courtRuns.find((w) => w.runId === voteRun)!.typedSearchAttributes.get(StageAttr)).toBe('IN_ESECUZIONE');

    // Revocation and conversion (art. 72-73): the file goes on as a liquidazione controllata.
    await f.court(caseId, 'REVOCA');
    await f.court(caseId, 'CONVERSIONE', { claimsDays: 45 });
    await f.until(caseId, (s) => s.run === 4);
    const liqRun = await f.runId(workflowId);
    const converted = await visible(`${byFile('LIQUIDAZIONE_CONTROLLATA', 'SENTENZA_APERTURA')} AND ExecutionStatus = 'Running'`, (l) => l.length === 1);
    expect(converted[0]).toMatchObject({ workflowId, runId: liqRun });
    // No running execution of the file is listed under its former procedure any more.
    const formerQuery = `BodyId = '${f.tenant.bodyId}' AND CaseNumber = '${file.caseNumber}' AND ProcedureKind = 'CONCORDATO_MINORE' AND ExecutionStatus = 'Running'`;
    expect(await visible(formerQuery, (l) => l.length === 0)).toEqual([]);
    // Another body's filter does not find it.
    expect(await visible(byFile('LIQUIDAZIONE_CONTROLLATA', 'SENTENZA_APERTURA').replace(f.tenant.bodyId, '00000000-0000-4000-8000-000000000000'), () => true)).toEqual([]);
  });
});

describe('bad input on the economics of a file is refused and changes nothing', () => {
  const claimsPath = (caseId: string) => `${f.base}/occ-files/${caseId}/claims`;
  const post = (path: string, body: object) => request(stack.app).post(path).set('Authorization', `Bearer ${f.secToken}`).send(body);
  const put = (path: string, body: object) => request(stack.app).put(path).set('Authorization', `Bearer ${f.secToken}`).send(body);

  it.each([
    ['a negative capital', { capitalCents: -1 }, 'VALIDATION_FAILED', [{ path: 'capitalCents', code: 'NEGATIVE' }]],
    ['negative interest', { interestCents: -250 }, 'VALIDATION_FAILED', [{ path: 'interestCents', code: 'NEGATIVE' }]],
    ['a proposed treatment below 0 %', { proposedTreatmentBp: -100 }, 'VALIDATION_FAILED', [{ path: 'proposedTreatmentBp', code: 'NEGATIVE' }]],
  ])('a claim with %s', async (_label, over, code, fields) => {
    const { caseId } = await f.open();
    const [claims, audit] = [await claimsOf(caseId), await auditOf(caseId)];
    const res = await post(claimsPath(caseId), { creditorName: 'Banca Zeta S.p.A.', pec: 'zeta@pec.example.it', capitalCents: 100_000, rank: 'chirografo', ...over });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code, fields });
    expect(res.body.error.message).toMatchObject({ it: expect.any(String), en: expect.any(String) });
    expect([await claimsOf(caseId), await auditOf(caseId)]).toEqual([claims, audit]);
  });

  it('a claim filed by PEC in a liquidazione controllata from a creditor without PEC', async () => {
    const { caseId } = await f.open({ procedure: 'LIQUIDAZIONE_CONTROLLATA' });
    const [claims, audit] = [await claimsOf(caseId), await auditOf(caseId)];
    const res = await post(claimsPath(caseId), { creditorName: 'Erario', capitalCents: 500_000, rank: 'privilegio_generale', filedByPec: true });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'OCC_PEC_REQUIRED', fields: [{ path: 'pec', code: 'PEC_REQUIRED' }] });
    expect(res.body.error.message.it).toBeTruthy();
    expect([await claimsOf(caseId), await auditOf(caseId)]).toEqual([claims, audit]);
    // With its PEC the same claim is recorded.
    expect((await post(claimsPath(caseId), { creditorName: 'Erario', pec: 'erario@pec.example.it', capitalCents: 500_000, rank: 'privilegio_generale', filedByPec: true })).status).toBe(201);
  });

  it('a plan with a reduction outside 15–40 %, general expenses outside 10–15 % or a negative amount; the quote preview stays the same', async () => {
    const { caseId } = await f.open();
    const plan = `${f.base}/occ-files/${caseId}/plan`;
    await f.must(put(plan, { amountToCreditorsCents: 3_000_000, satisfactionBp: 5_455 }));
    const [savedPlan, preview, audit] = [await f.must(f.sec.get(`/occ-files/${caseId}/plan`)), await f.must(f.sec.get(`/occ-files/${caseId}/quote-preview`)), await auditOf(caseId)];
    for (const [body, code, field] of [
      [{ amountToCreditorsCents: 3_000_000, reductionBp: 1_499 }, 'OCC_REDUCTION_OUT_OF_RANGE', { path: 'reductionBp', code: 'OUT_OF_RANGE' }],
      [{ amountToCreditorsCents: 3_000_000, reductionBp: 4_001 }, 'OCC_REDUCTION_OUT_OF_RANGE', { path: 'reductionBp', code: 'OUT_OF_RANGE' }],
      [{ amountToCreditorsCents: 3_000_000, substituteProfessional: true, reductionBp: 2_000 }, 'OCC_REDUCTION_OUT_OF_RANGE', { path: 'reductionBp', code: 'SUBSTITUTE_FLAT_40' }],
      [{ amountToCreditorsCents: 3_000_000, generalExpensesBp: 1_600 }, 'OCC_GENERAL_EXPENSES_OUT_OF_RANGE', { path: 'generalExpensesBp', code: 'OUT_OF_RANGE' }],
      [{ amountToCreditorsCents: -3_000_000 }, 'VALIDATION_FAILED', { path: 'amountToCreditorsCents', code: 'NEGATIVE' }],
    ] as const) {
      const res = await put(plan, body);
      expect([res.status, res.body.error?.code, res.body.error?.fields]).toEqual([422, code, [field]]);
      expect(res.body.error.message.it).toBeTruthy();
    }
    expect(await f.must(f.sec.get(`/occ-files/${caseId}/plan`))).toEqual(savedPlan);
    expect(await f.must(f.sec.get(`/occ-files/${caseId}/quote-preview`))).toEqual(preview);
    expect(await auditOf(caseId)).toBe(audit);
  });

  it('an asset with a negative value, and a vote before any window is open', async () => {
    const { caseId, claims } = await f.open();
    const asset = await post(`${f.base}/occ-files/${caseId}/assets`, { kind: 'real_estate', description: 'Appartamento', estimatedCents: -1 });
    expect(asset.status).toBe(422);
    expect(asset.body.error.fields).toEqual([{ path: 'estimatedCents', code: 'NEGATIVE' }]);
    expect((await f.must(f.sec.get(`/occ-files/${caseId}/assets`))).items).toEqual([]);
    const vote = await post(`${f.base}/occ-files/${caseId}/votes`, { claimId: claims[0]!.id, choice: 'consent', channel: 'paper', receivedAt: new Date().toISOString() });
    expect([vote.status, vote.body.error.code]).toEqual([409, 'OCC_VOTE_NOT_OPEN']);
    expect(await votesOf(caseId)).toBe(0);
  });
});
