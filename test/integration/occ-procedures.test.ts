/**
 * Each procedure walked to its end on the real dev server, with terms compressed by
 * DEADLINE_TIME_SCALE (1 day ≈ 8.6 ms): consumer restructuring to the fee liquidation with
 * six-monthly reports; concordato minore through the vote window (silence is consent) to a revoked
 * plan converted into liquidazione controllata; liquidazione controllata to the closing, with the
 * draft stato passivo turning executive and the discharge after 3 years; the debtor without
 * assets through 4 years of monitoring with yearly declarations. Continue-as-new at each phase
 * boundary: a new run, the same state.
 */
import { randomUUID } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import request from 'supertest';
import { debtorFile, occSetup, todayRome } from '../helpers/occ-flow';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
let f: Awaited<ReturnType<typeof occSetup>>;

beforeAll(async () => {
  stack = await startStack({ config: { DEADLINE_TIME_SCALE: '10000000' } });
  f = await occSetup(stack);
});
afterAll(() => stack.stop());

type St = Record<string, unknown> & { stage: string; run: number; deadlines: { code: string; status: string }[] };

it('ristrutturazione del consumatore: decree, communication, observations window, report, omologa, execution reports, rendiconto, fee liquidated', async () => {
  const m = await f.crisisManager();
  const { caseId, workflowId } = await f.open();
  await f.mandated(caseId, m);
  const prefilingRun = await f.runId(workflowId);
  const filed = await f.filed(caseId, m);
  expect(filed.stage).toBe('DEPOSITATO');
  // Phase boundary: the next run carries the state.
  const court = await f.until(caseId, (s) => s.run === 2);
  expect(await f.runId(workflowId)).not.toBe(prefilingRun);
  expect(court).toMatchObject({ stage: 'DEPOSITATO', phase: 'court', crisisManagerId: m.id, quote: { number: 1 }, filing: { court: 'Tribunale di Milano' } });
  expect((court as St).deadlines.map((d) => d.code)).toEqual(['TAX_OFFICE_NOTICE', 'TAX_OFFICE_REPLY']);

  await f.court(caseId, 'DECRETO_AMMISSIBILITA');
  await f.must(f.api(m.token).act(caseId, 'communicate-to-creditors', { date: todayRome() }));
  // 20 days of observations run out on their own; the report falls due.
  const report = await f.until(caseId, (s) => s.stage === 'RELAZIONE_OSSERVAZIONI');
  expect((report as St).deadlines.find((d) => d.code === 'OBSERVATIONS_REPORT')).toBeDefined();
  await f.must(f.api(m.token).act(caseId, 'file-observations-report', { date: todayRome(), documentId: await f.sec.upload(caseId) }));
  await f.court(caseId, 'OMOLOGA');
  const exec = await f.until(caseId, (s) => s.run === 3);
  expect(exec).toMatchObject({ stage: 'IN_ESECUZIONE', phase: 'execution' });
  // Six-monthly reports: one filed, the next scheduled; one left to expire.
  await f.must(f.api(m.token).act(caseId, 'file-execution-report', { date: todayRome(), documentId: await f.sec.upload(caseId) }));
  const reports = await f.until(caseId, (s) => (s as St).deadlines.filter((d) => d.code === 'EXECUTION_REPORT' && d.status === 'expired').length >= 1);
  expect((reports as St).deadlines.filter((d) => d.code === 'EXECUTION_REPORT')[0]!.status).toBe('done');
  await f.must(f.api(m.token).act(caseId, 'file-final-account', { date: todayRome(), documentId: await f.sec.upload(caseId) }));
  const end = await f.court(caseId, 'LIQUIDAZIONE_COMPENSO');
  expect(end).toMatchObject({ stage: 'COMPENSO_LIQUIDATO', phase: 'closed', allowedActions: [] });
  await stack.temporal.client.workflow.getHandle(workflowId).result();
  const events = await f.must(f.sec.get(`/occ-files/${caseId}/events`));
  expect(events.items.map((e: { kind: string }) => e.kind)).toEqual(
    expect.arrayContaining(['PREVENTIVO_EMESSO', 'DEPOSITATO', 'DECRETO_AMMISSIBILITA', 'FINESTRA_OSSERVAZIONI_CHIUSA', 'OMOLOGA', 'RELAZIONE_SEMESTRALE', 'LIQUIDAZIONE_COMPENSO']),
  );
});

it('concordato minore: the vote window closes by itself (silence is consent), omologa, revocation, conversion into liquidazione controllata', async () => {
  const m = await f.crisisManager();
  const { caseId, workflowId } = await f.open({ procedure: 'CONCORDATO_MINORE', debtorCategory: 'imprenditore_minore' });
  await f.mandated(caseId, m);
  await f.filed(caseId, m);
  await f.until(caseId, (s) => s.run === 2);
  const opened = await f.court(caseId, 'APERTURA_CONCORDATO');
  expect(opened.stage).toBe('VOTAZIONE');
  expect(opened.vote).toMatchObject({ result: null });
  const closed = await f.until(caseId, (s) => s.stage === 'VOTAZIONE_CHIUSA');
  expect(closed.vote).toMatchObject({ result: { approved: true, dissentingCents: 0, lateVotes: 0 } });
  expect((closed.vote as { result: { silentCents: number } }).result.silentCents).toBeGreaterThan(0);
  await f.court(caseId, 'OMOLOGA');
  await f.until(caseId, (s) => s.stage === 'IN_ESECUZIONE' && s.run === 3);
  const revoked = await f.court(caseId, 'REVOCA');
  expect(revoked.stage).toBe('REVOCATO');
  // Art. 72-73: the judgement converting the file opens the liquidation; the file goes on as such.
  const refused = await f.sec.act(caseId, 'record-court-event', { kind: 'CONVERSIONE', date: todayRome(), documentId: await f.sec.upload(caseId) });
  expect(refused.status).toBe(422); // the judgement must set the claims term
  await f.court(caseId, 'CONVERSIONE', { claimsDays: 45 });
  const converted = await f.until(caseId, (s) => s.run === 4);
  expect(converted).toMatchObject({ procedure: 'LIQUIDAZIONE_CONTROLLATA', convertedFrom: 'CONCORDATO_MINORE', stage: 'SENTENZA_APERTURA', claimsDays: 45 });
  const desc = await stack.temporal.client.workflow.getHandle(workflowId).describe();
  expect(desc.searchAttributes.ProcedureKind).toEqual(['LIQUIDAZIONE_CONTROLLATA']);
  const [row] = await stack.sequelize.query<{ procedure: string; converted_from: string }>('SELECT procedure, converted_from FROM occ_files WHERE case_id = :caseId', { type: QueryTypes.SELECT, replacements: { caseId } });
  expect(row).toEqual({ procedure: 'LIQUIDAZIONE_CONTROLLATA', converted_from: 'CONCORDATO_MINORE' });
});

it('liquidazione controllata: opening, creditor list, inventory, draft stato passivo executive without observations, distribution, rendiconto, closing; discharge after 3 years', async () => {
  const m = await f.crisisManager();
  const { caseId, workflowId } = await f.open({ procedure: 'LIQUIDAZIONE_CONTROLLATA' });
  await f.mandated(caseId, m);
  await f.filed(caseId, m);
  await f.until(caseId, (s) => s.run === 2);
  const opened = await f.court(caseId, 'SENTENZA_APERTURA', { claimsDays: 60 });
  expect(opened.deadlines.map((d: { code: string }) => d.code)).toEqual(expect.arrayContaining(['DEBTOR_CREDITOR_LIST', 'CLAIMS', 'CREDITOR_LIST_UPDATE', 'INVENTORY_PROGRAMME', 'DISCHARGE']));
  const cm = f.api(m.token);
  await f.must(cm.act(caseId, 'update-creditor-list', { date: todayRome(), documentId: await f.sec.upload(caseId) }));
  await f.must(cm.act(caseId, 'file-inventory', { date: todayRome(), documentId: await f.sec.upload(caseId) }));
  await f.must(cm.act(caseId, 'file-draft-stato-passivo', { date: todayRome(), documentId: await f.sec.upload(caseId) }));
  const liq = await f.until(caseId, (s) => s.stage === 'LIQUIDAZIONE' && s.run === 3);
  expect(liq.phase).toBe('execution');
  await f.must(cm.act(caseId, 'record-distribution', { date: todayRome(), documentId: await f.sec.upload(caseId), amountCents: 1_250_000 }));
  // Three years after the opening the debtor is discharged by law, the liquidation still open.
  const discharged = await f.until(caseId, (s) => s.discharged === true, 40_000);
  expect(discharged.stage).toBe('RIPARTI');
  await f.must(cm.act(caseId, 'file-final-account', { date: todayRome(), documentId: await f.sec.upload(caseId) }));
  const end = await f.court(caseId, 'CHIUSURA');
  expect(end).toMatchObject({ stage: 'CHIUSURA', discharged: true, phase: 'closed' });
  await stack.temporal.client.workflow.getHandle(workflowId).result();
});

it('esdebitazione del debitore incapiente: the income test, the decree, four years of monitoring with yearly declarations', async () => {
  const year = todayRome().slice(0, 4);
  await stack.sequelize.query(`INSERT INTO body_settings (body_id, occ_policy) VALUES (:bodyId, :policy) ON CONFLICT (body_id) DO UPDATE SET occ_policy = EXCLUDED.occ_policy`, {
    replacements: { bodyId: f.tenant.bodyId, policy: JSON.stringify({ assegnoSocialeMonthlyCents: { [year]: 53_441 } }) },
  });
  // 21,258.84 € for three persons is above the threshold of 21,258.83 €.
  const above = await request(stack.app).post(`${f.base}/occ-files`).set('Authorization', `Bearer ${f.secToken}`).set('Idempotency-Key', randomUUID())
    .send(debtorFile({ procedure: 'ESDEBITAZIONE_INCAPIENTE', annualNetIncomeCents: 2_125_884 }));
  expect(above.status).toBe(422);
  expect(above.body.error.code).toBe('OCC_NOT_INCAPIENTE');
  const m = await f.crisisManager();
  const { caseId, workflowId } = await f.open({ procedure: 'ESDEBITAZIONE_INCAPIENTE', annualNetIncomeCents: 2_125_883 });
  await f.mandated(caseId, m);
  await f.filed(caseId, m);
  await f.until(caseId, (s) => s.run === 2);
  await f.court(caseId, 'DECRETO_ESDEBITAZIONE');
  const monitoring = await f.until(caseId, (s) => s.stage === 'MONITORAGGIO_4_ANNI' && s.run === 3);
  expect(monitoring.discharged).toBe(true);
  await f.must(f.api(m.token).act(caseId, 'file-annual-declaration', { date: todayRome(), documentId: await f.sec.upload(caseId), newAssets: false }));
  const end = await f.until(caseId, (s) => s.stage === 'MONITORAGGIO_CONCLUSO', 60_000);
  const declarations = (end as St).deadlines.filter((d) => d.code === 'ANNUAL_DECLARATION');
  expect(declarations).toHaveLength(4);
  expect(declarations[0]!.status).toBe('done');
  expect((end as St).deadlines.find((d) => d.code === 'MONITORING_END')!.status).toBe('done');
  await stack.temporal.client.workflow.getHandle(workflowId).result();
});
