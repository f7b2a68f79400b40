/**
 * The economics of an OCC file on the real stack (PostgreSQL, document store, API): claims with
 * CSV/XLSX import, plan and fee quote preview, the four contract activities (quote issued as a PDF
 * and accepted, vote opened and closed), votes with the window rules, tenant and role checks, and
 * refused input that changes nothing.
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import request from 'supertest';
import { QueryTypes } from 'sequelize';
import type WriteXlsxFile from 'write-excel-file/node';
import { createOccEconomicsActivities } from '../../activities/occ/economics';
import type { OccEconomicsActivities } from '../../activities/occ/economics-contract';
import { createTenant, TEST_PASSWORD, type Tenant } from '../helpers/fixtures';
import { login, startStack, type Stack } from '../helpers/stack';

const writeXlsxFile = (createRequire(__filename)('write-excel-file/node') as { default: typeof WriteXlsxFile }).default;

let stack: Stack;
let tenant: Tenant;
let other: Tenant;
let activities: OccEconomicsActivities;
const tokens: Record<string, string> = {};
let fileId: string;
let otherFileId: string;

/** An OCC file as the occ-process workflow will register it: a `cases` row of kind 'occ'. */
async function createOccFile(bodyId: string, crisisManagerId: string | null): Promise<string> {
  const id = randomUUID();
  const [row] = await stack.sequelize.query<{ n: number }>(
    "SELECT coalesce(max(number), 0) + 1 AS n FROM cases WHERE body_id = :bodyId AND kind = 'occ'",
    { type: QueryTypes.SELECT, replacements: { bodyId } },
  );
  await stack.sequelize.query(
    `INSERT INTO cases (id, body_id, kind, year, number, case_number, workflow_id, subject, stage, filed_at, mediator_id)
     VALUES (:id, :bodyId, 'occ', 2026, :n, :caseNumber, :workflowId, 'Piano del consumatore', 'ISTANZA_RICEVUTA', now(), :crisisManagerId)`,
    { replacements: { id, bodyId, n: row!.n, caseNumber: `OCC-${row!.n}/2026`, workflowId: `occ:${bodyId}:${id}`, crisisManagerId } },
  );
  return id;
}

const api = (role: string, method: 'get' | 'post' | 'put' | 'delete', path: string, bodyId = tenant.bodyId) =>
  request(stack.app)[method](`/api/bodies/${bodyId}/occ-files/${path}`).set('Authorization', `Bearer ${tokens[role]}`);
const count = async (table: string, caseId = fileId) =>
  (await stack.sequelize.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE case_id = :caseId`, { type: QueryTypes.SELECT, replacements: { caseId } }))[0]!.n;
const failureType = async (p: Promise<unknown>) => p.then(() => 'no failure', (e: { type?: string }) => e.type);

beforeAll(async () => {
  stack = await startStack({ worker: false });
  activities = createOccEconomicsActivities({ sequelize: stack.sequelize, config: stack.config });
  tenant = await createTenant(stack.sequelize, ['secretariat', 'crisis_manager', 'mediator']);
  other = await createTenant(stack.sequelize, ['secretariat']);
  // The crisis manager conducts its own files (the occ-process branch grants this by migration).
  await stack.sequelize.query("INSERT INTO role_permissions (body_id, role, permission) VALUES (:bodyId, 'crisis_manager', 'cases.conduct') ON CONFLICT DO NOTHING", { replacements: { bodyId: tenant.bodyId } });
  for (const role of ['secretariat', 'crisis_manager', 'mediator']) tokens[role] = (await login(stack.app, tenant.users[role]!.email, TEST_PASSWORD)).token;
  tokens.other = (await login(stack.app, other.users.secretariat!.email, TEST_PASSWORD)).token;
  fileId = await createOccFile(tenant.bodyId, tenant.users.crisis_manager!.id);
  otherFileId = await createOccFile(tenant.bodyId, null);
});
afterAll(() => stack.stop());

describe('claims', () => {
  it('records a claim and shows the liabilities by rank, the incapiente part as chirografo', async () => {
    const res = await api('secretariat', 'post', `${fileId}/claims`).send({
      creditorName: 'Banca Alfa S.p.A.', taxId: '00743110157', pec: 'alfa@pec.example.it', title: 'Mutuo fondiario',
      capitalCents: 8_000_000, interestCents: 150_000, costsCents: 50_000, rank: 'ipoteca', incapienteCents: 2_000_000, proposedTreatmentBp: 7_000,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ totalCents: 8_200_000, rank: 'ipoteca', admittedToVoteCents: 2_460_000 });
    const list = await api('secretariat', 'get', `${fileId}/claims`);
    expect(list.body.liabilities.byRank).toMatchObject({ ipoteca: 6_200_000, chirografo: 2_000_000 });
    await api('secretariat', 'delete', `${fileId}/claims/${res.body.id}`).expect(204);
  });

  it('refuses negative amounts and a claim filed by PEC without a PEC address, changing nothing', async () => {
    const before = await count('occ_claims');
    const negative = await api('secretariat', 'post', `${fileId}/claims`).send({ creditorName: 'X', capitalCents: -100, rank: 'chirografo' });
    expect(negative.status).toBe(422);
    expect(negative.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'capitalCents', code: 'NEGATIVE' }] });
    expect(negative.body.error.message.it).toBeTruthy();
    const noPec = await api('secretariat', 'post', `${fileId}/claims`).send({ creditorName: 'Y', capitalCents: 100, rank: 'chirografo', filedByPec: true });
    expect(noPec.status).toBe(422);
    expect(noPec.body.error.code).toBe('OCC_PEC_REQUIRED');
    expect(await count('occ_claims')).toBe(before);
  });

  it('imports nothing from a CSV with a bad row and reports the row, field and message', async () => {
    const before = await count('occ_claims');
    const csv = 'Creditore;Capitale;Grado\nBuona S.r.l.;1.000,00;chirografo\nCattiva S.r.l.;-5,00;chirografo\n';
    const res = await api('secretariat', 'post', `${fileId}/claims/import`).set('Content-Type', 'text/csv').send(Buffer.from(csv));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('OCC_IMPORT_INVALID');
    expect(res.body.error.rows).toEqual([expect.objectContaining({ row: 3, field: 'capitalCents', code: 'NEGATIVE', message: expect.objectContaining({ it: expect.any(String), en: expect.any(String) }) })]);
    expect(await count('occ_claims')).toBe(before);
  });

  it('refuses a file that is neither CSV nor XLSX by its content', async () => {
    const res = await api('secretariat', 'post', `${fileId}/claims/import`).set('Content-Type', 'text/csv').send(Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1'));
    expect(res.status).toBe(415);
  });

  it('imports an XLSX sheet', async () => {
    const xlsx = await writeXlsxFile(
      [
        [{ value: 'Creditore' }, { value: 'Capitale' }, { value: 'Grado' }, { value: 'Trattamento' }],
        [{ value: 'Gamma S.p.A.', type: String }, { value: 2500.5, type: Number }, { value: 'pegno', type: String }, { value: 40, type: Number }],
      ],
      { sheet: 'Creditori' },
    ).toBuffer();
    const res = await api('secretariat', 'post', `${otherFileId}/claims/import`).set('Content-Type', 'application/octet-stream').send(xlsx);
    expect(res.status).toBe(201);
    expect(res.body.imported).toBe(1);
    expect(res.body.claims[0]).toMatchObject({ creditorName: 'Gamma S.p.A.', capitalCents: 250_050, rank: 'pegno', proposedTreatmentBp: 4_000 });
  });
});

describe('plan and fee quote', () => {
  it('previews the quote from the recorded claims (spec example 1: 100,000 at 30 %)', async () => {
    const csv = 'Creditore;PEC;Capitale;Grado;Trattamento\nBanca Beta S.p.A.;beta@pec.example.it;60.000,00;chirografo;30\nFinanziaria Delta S.p.A.;;30.000,00;chirografo;30\nMario Verdi;;10.000,00;chirografo;30\n';
    const imported = await api('secretariat', 'post', `${fileId}/claims/import`).set('Content-Type', 'text/csv').send(Buffer.from(csv));
    expect(imported.status).toBe(201);
    expect(imported.body.economics.overall).toMatchObject({ claimsCents: 10_000_000, paidCents: 3_000_000, satisfactionBp: 3_000, reductionBp: 7_000 });
    const preview = await api('crisis_manager', 'get', `${fileId}/quote-preview`);
    expect(preview.status).toBe(200);
    expect(preview.body.sources).toEqual({ passivo: 'claims', attivo: 'derived', amountToCreditors: 'claims' });
    const { columns, cap } = preview.body.quote;
    expect([columns.min.totalCents, columns.average.totalCents, columns.max.totalCents]).toEqual([224_738, 300_000, 300_000]);
    expect(cap).toMatchObject({ applies: true, rateBp: 1_000, amountCents: 300_000 });
    expect(await count('occ_fee_quotes')).toBe(0);
  });

  it('refuses a reduction outside 15–40 % in the plan, changing nothing', async () => {
    const res = await api('secretariat', 'put', `${fileId}/plan`).send({ reductionBp: 4_500 });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('OCC_REDUCTION_OUT_OF_RANGE');
    expect((await api('secretariat', 'get', `${fileId}/plan`)).body.reductionBp).toBeNull();
  });

  it('issues the quote as a PDF once per idempotency key, numbers a recalculation, and records the acceptance', async () => {
    const key = `occ:${tenant.bodyId}:${fileId}:quote-1`;
    const first = await activities.issueOccFeeQuote({ bodyId: tenant.bodyId, caseId: fileId, idempotencyKey: key, issuedBy: null, issuedAt: '2026-03-02T10:00:00Z' });
    const again = await activities.issueOccFeeQuote({ bodyId: tenant.bodyId, caseId: fileId, idempotencyKey: key, issuedBy: null, issuedAt: '2026-03-02T10:00:00Z' });
    expect(again).toEqual(first);
    expect(first).toMatchObject({ number: 1, minCents: 224_738, averageCents: 300_000, maxCents: 300_000 });
    const docs = await stack.sequelize.query<{ category: string; media_type: string }>(
      "SELECT category, media_type FROM documents WHERE owner_id = :fileId AND category = 'occ_fee_quote'",
      { type: QueryTypes.SELECT, replacements: { fileId } },
    );
    expect(docs).toEqual([{ category: 'occ_fee_quote', media_type: 'application/pdf' }]);

    await api('secretariat', 'put', `${fileId}/plan`).send({ reductionBp: 2_000, generalExpensesBp: 1_000 }).expect(200);
    const second = await activities.issueOccFeeQuote({ bodyId: tenant.bodyId, caseId: fileId, idempotencyKey: `${key}-2`, issuedBy: tenant.users.secretariat!.id, issuedAt: '2026-03-03T10:00:00Z' });
    expect(second.number).toBe(2);
    // gross min 3,405.12 × 0.80 = 2,724.10 × 1.10 = 2,996.51 (under the 3,000 cap)
    expect(second.minCents).toBe(299_651);

    await activities.acceptOccFeeQuote({ bodyId: tenant.bodyId, caseId: fileId, quoteId: second.quoteId, acceptedBy: null, acceptedAt: '2026-03-04T09:00:00Z', evidenceDocumentId: null });
    await activities.acceptOccFeeQuote({ bodyId: tenant.bodyId, caseId: fileId, quoteId: second.quoteId, acceptedBy: null, acceptedAt: '2026-03-05T09:00:00Z', evidenceDocumentId: null });
    const quotes = await api('secretariat', 'get', `${fileId}/quotes`);
    expect(quotes.body.items.map((q: { number: number; acceptedAt: string | null }) => [q.number, q.acceptedAt])).toEqual([[1, null], [2, '2026-03-04T09:00:00.000Z']]);
    const audits = await stack.sequelize.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE body_id = :bodyId AND action LIKE 'occ.quote_%' ORDER BY id",
      { type: QueryTypes.SELECT, replacements: { bodyId: tenant.bodyId } },
    );
    expect(audits.map((a) => a.action)).toEqual(['occ.quote_issued', 'occ.quote_issued', 'occ.quote_accepted']);
    expect(await failureType(activities.acceptOccFeeQuote({ bodyId: tenant.bodyId, caseId: fileId, quoteId: randomUUID(), acceptedBy: null, acceptedAt: '2026-03-04T09:00:00Z', evidenceDocumentId: null }))).toBe('OCC_QUOTE_NOT_FOUND');
  });

  it('fails non-retryably with OCC_NOTHING_TO_QUOTE on a file without claims, and OCC_FILE_NOT_FOUND for a mediation case', async () => {
    const empty = await createOccFile(tenant.bodyId, null);
    expect(await failureType(activities.issueOccFeeQuote({ bodyId: tenant.bodyId, caseId: empty, idempotencyKey: randomUUID(), issuedBy: null }))).toBe('OCC_NOTHING_TO_QUOTE');
    expect(await failureType(activities.issueOccFeeQuote({ bodyId: other.bodyId, caseId: fileId, idempotencyKey: randomUUID(), issuedBy: null }))).toBe('OCC_FILE_NOT_FOUND');
  });
});

describe('creditors vote', () => {
  const day = 86_400_000;
  let claims: { id: string; creditorName: string; pec: string | null }[];
  const vote = (claimId: string, over: Record<string, unknown> = {}) =>
    api('secretariat', 'post', `${fileId}/votes`).send({ claimId, choice: 'dissent', channel: 'paper', receivedAt: new Date(Date.now() - 5 * day).toISOString(), ...over });

  beforeAll(async () => {
    claims = (await api('secretariat', 'get', `${fileId}/claims`)).body.claims;
  });

  it('refuses a vote before the window is opened', async () => {
    const res = await vote(claims[0]!.id);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('OCC_VOTE_NOT_OPEN');
  });

  it('records votes in the term, keeps late ones as late, refuses the rest, and tallies with silence as consent', async () => {
    await activities.openOccVote({ bodyId: tenant.bodyId, caseId: fileId, opensAt: new Date(Date.now() - 10 * day).toISOString(), closesAt: new Date(Date.now() - 2 * day).toISOString() });
    await activities.openOccVote({ bodyId: tenant.bodyId, caseId: fileId, opensAt: new Date(Date.now() - 10 * day).toISOString(), closesAt: new Date(Date.now() - 2 * day).toISOString() });
    expect(await count('occ_vote_windows')).toBe(1);
    const [beta, delta, verdi] = ['Banca Beta S.p.A.', 'Finanziaria Delta S.p.A.', 'Mario Verdi'].map((n) => claims.find((c) => c.creditorName === n)!);

    const evidence = await api('secretariat', 'post', `${fileId}/vote-evidence`).set('Content-Type', 'message/rfc822').set('X-Filename', 'voto.eml')
      .send(Buffer.from('From: beta@pec.example.it\r\nTo: occ@pec.example.it\r\nSubject: Voto\r\nMessage-ID: <1@pec>\r\nDate: Mon, 2 Mar 2026 10:00:00 +0100\r\n\r\nNon aderiamo.\r\n'));
    expect(evidence.status).toBe(201);
    const inTerm = await vote(beta!.id, { channel: 'pec', evidenceDocumentId: evidence.body.id });
    expect(inTerm.status).toBe(201);
    expect(inTerm.body).toMatchObject({ late: false, choice: 'dissent', channel: 'pec' });

    const votesBefore = await count('occ_votes');
    const noPec = await vote(delta!.id, { channel: 'pec' });
    expect(noPec.status).toBe(422);
    expect(noPec.body.error.code).toBe('OCC_PEC_REQUIRED');
    const outside = await vote(delta!.id, { receivedAt: new Date(Date.now() - day).toISOString() });
    expect(outside.status).toBe(409);
    expect(outside.body.error.code).toBe('OCC_VOTE_OUTSIDE_WINDOW');
    const duplicate = await vote(beta!.id, { choice: 'consent' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe('OCC_VOTE_ALREADY_RECORDED');
    expect(await count('occ_votes')).toBe(votesBefore);

    const late = await vote(delta!.id, { receivedAt: new Date(Date.now() - day).toISOString(), late: true });
    expect(late.status).toBe(201);
    expect(late.body.late).toBe(true);
    await vote(verdi!.id, { choice: 'consent' }).expect(201);

    const view = await api('crisis_manager', 'get', `${fileId}/vote`);
    expect(view.body.window.status).toBe('open');
    expect(view.body.votes).toHaveLength(3);
    // Beta 60,000 dissents; Delta 30,000 is silent (its dissent came late) and Verdi 10,000 consents: 40,000 of 100,000.
    expect(view.body.tally).toMatchObject({ admittedCents: 10_000_000, dissentingCents: 6_000_000, silentCents: 3_000_000, consentingCents: 4_000_000, lateVotes: 1, approved: false });

    const result = await activities.closeOccVote({ bodyId: tenant.bodyId, caseId: fileId });
    expect(result).toMatchObject({ approved: false, admittedCents: 10_000_000, consentingCents: 4_000_000, dissentingCents: 6_000_000, silentCents: 3_000_000, lateVotes: 1 });
    expect(result.explanation.it).toContain('Proposta non approvata.');
    expect(result.explanation.it).toContain('oltre il termine');
    expect(await activities.closeOccVote({ bodyId: tenant.bodyId, caseId: fileId })).toEqual(result);
    const closed = await vote(verdi!.id, { choice: 'dissent' });
    expect(closed.status).toBe(409);
  });
});

describe('access', () => {
  it('is limited to the OCC files of the token’s body', async () => {
    expect((await api('other', 'get', `${fileId}/claims`, other.bodyId)).status).toBe(404);
    expect((await api('other', 'get', `${fileId}/claims`)).status).toBe(403);
    const mediationCase = await createOccFile(tenant.bodyId, null);
    await stack.sequelize.query("UPDATE cases SET kind = 'mediation' WHERE id = :id", { replacements: { id: mediationCase } });
    const res = await api('secretariat', 'get', `${mediationCase}/claims`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('OCC_FILE_NOT_FOUND');
  });

  it('lets the crisis manager work on its own files only, and a mediator on none', async () => {
    expect((await api('crisis_manager', 'post', `${fileId}/assets`).send({ kind: 'account', description: 'Conto corrente', estimatedCents: 120_000 })).status).toBe(201);
    expect((await api('crisis_manager', 'get', `${otherFileId}/claims`)).status).toBe(404);
    expect((await api('mediator', 'get', `${fileId}/claims`)).status).toBe(404);
  });
});
