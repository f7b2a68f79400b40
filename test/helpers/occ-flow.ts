/**
 * Steps of an OCC file through the real API, shared by the occ-* suites: a tenant with secretariat
 * and referente, crisis managers, documents uploaded to the case file, the pre-filing walk.
 */
import { randomUUID } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import request from 'supertest';
import type { Sequelize } from 'sequelize';
import { hashPassword } from '../../api/auth/passwords';
import { createUser } from '../../db/repositories/bodies';
import { createTenant, TEST_PASSWORD, type Tenant } from './fixtures';
import { waitFor } from './mediation-flow';
import { login, type Stack } from './stack';

export { waitFor };
export const declaration = { text: 'Dichiaro di essere indipendente rispetto al debitore e ai creditori.', version: '2026-01', accepted: true };
export const todayRome = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

export function debtorFile(overrides: Record<string, unknown> = {}) {
  return {
    procedure: 'RISTRUTTURAZIONE_CONSUMATORE',
    debtor: { kind: 'person', firstName: 'Paolo', lastName: 'Verdi', taxCode: 'RSSMRA80A01H501U', email: 'paolo.verdi@example.it' },
    debtorCategory: 'consumatore',
    householdSize: 3,
    annualNetIncomeCents: 1_800_000,
    disposableIncomeCents: 300_000,
    previousDischarges: [],
    subject: 'Sovraindebitamento da finanziamenti al consumo',
    ...overrides,
  };
}

/** The liabilities a fee quote can be computed from: two unsecured claims of 55,000 € in all. */
export const sampleClaims: Record<string, unknown>[] = [
  { creditorName: 'Banca Alfa S.p.A.', pec: 'alfa@pec.example.it', capitalCents: 4_000_000, interestCents: 250_000, rank: 'chirografo', proposedTreatmentBp: 4_000 },
  { creditorName: 'Finanziaria Beta S.p.A.', pec: 'beta@pec.example.it', capitalCents: 1_500_000, rank: 'chirografo', proposedTreatmentBp: 4_000 },
];

export async function addCrisisManager(sequelize: Sequelize, bodyId: string) {
  const suffix = randomUUID().slice(0, 8);
  const email = `gestore.${suffix}@prova.it`;
  const id = await createUser(sequelize, { email, fullName: `Gestore ${suffix}`, passwordHash: await hashPassword(TEST_PASSWORD), memberships: [{ bodyId, role: 'crisis_manager' }] });
  return { id, email };
}

let pdfBytes: Buffer | null = null;
async function samplePdf(): Promise<Buffer> {
  if (!pdfBytes) {
    const doc = await PDFDocument.create();
    doc.addPage([200, 200]);
    pdfBytes = Buffer.from(await doc.save());
  }
  return pdfBytes;
}

export async function occSetup(stack: Stack) {
  const tenant: Tenant = await createTenant(stack.sequelize, ['secretariat', 'manager']);
  const sec = (await login(stack.app, tenant.users.secretariat!.email, TEST_PASSWORD)).token;
  return { tenant, ...occFlow(stack, tenant, sec), secToken: sec };
}

export function occFlow(stack: Stack, tenant: Tenant, secretariat: string) {
  const base = `/api/bodies/${tenant.bodyId}`;
  const api = (token: string) => ({
    act: (caseId: string, action: string, body: object = {}) =>
      request(stack.app).post(`${base}/occ-files/${caseId}/actions/${action}`).set('Authorization', `Bearer ${token}`).set('Idempotency-Key', randomUUID()).send(body),
    get: (path: string) => request(stack.app).get(`${base}${path}`).set('Authorization', `Bearer ${token}`),
    async upload(caseId: string, name = 'atto.pdf'): Promise<string> {
      const res = await request(stack.app)
        .post(`${base}/cases/${caseId}/documents`)
        .set('Authorization', `Bearer ${token}`)
        .set('X-Filename', encodeURIComponent(name))
        .set('Content-Type', 'application/octet-stream')
        .send(await samplePdf());
      if (res.status !== 201) throw new Error(`upload: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.id as string;
    },
  });
  const sec = api(secretariat);
  const stateOf = async (caseId: string) => (await sec.get(`/occ-files/${caseId}`)).body.state;
  const must = async (res: request.Response | Promise<request.Response>, status = 200) => {
    const r = await res;
    if (r.status !== status) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  /** Records claims through the economics API (POST …/claims), one request per claim; returns the stored rows. */
  async function addClaims(caseId: string, claims: Record<string, unknown>[], token = secretariat): Promise<{ id: string; creditorName: string }[]> {
    const stored = [];
    for (const claim of claims) {
      const res = await request(stack.app).post(`${base}/occ-files/${caseId}/claims`).set('Authorization', `Bearer ${token}`).send(claim);
      if (res.status !== 201) throw new Error(`claim: ${res.status} ${JSON.stringify(res.body)}`);
      stored.push(res.body);
    }
    return stored;
  }

  return {
    api,
    sec,
    stateOf,
    must,
    base,
    addClaims,
    /** Opens a file through the API and records its claims through the economics API (`claims`: the liabilities the quote is computed from). */
    async open(overrides: Record<string, unknown> = {}, claims: Record<string, unknown>[] = sampleClaims): Promise<{ caseId: string; caseNumber: string; workflowId: string; claims: { id: string; creditorName: string }[] }> {
      const res = await request(stack.app).post(`${base}/occ-files`).set('Authorization', `Bearer ${secretariat}`).set('Idempotency-Key', randomUUID()).send(debtorFile(overrides));
      if (res.status !== 201) throw new Error(`open: ${res.status} ${JSON.stringify(res.body)}`);
      return { ...res.body, claims: await addClaims(res.body.caseId, claims) };
    },
    async crisisManager() {
      const m = await addCrisisManager(stack.sequelize, tenant.bodyId);
      return { ...m, token: (await login(stack.app, m.email, TEST_PASSWORD)).token };
    },
    /** Quote, acceptance, designation (by hand) and acceptance of `manager`: the file is at INCARICO_ACCETTATO. */
    async mandated(caseId: string, manager: { id: string; token: string }) {
      await must(sec.act(caseId, 'issue-quote'));
      await must(sec.act(caseId, 'accept-quote', { acceptedOn: todayRome() }));
      await must(sec.act(caseId, 'designate-manager', { criterion: 'manual', crisisManagerId: manager.id, reason: 'Esperienza in procedure familiari' }));
      return must(api(manager.token).act(caseId, 'answer-appointment', { accept: true, declaration }));
    },
    /** From the mandate to the filing with the court, acted by the crisis manager: the file is DEPOSITATO. */
    async filed(caseId: string, manager: { id: string; token: string }) {
      const m = api(manager.token);
      await must(m.act(caseId, 'notify-tax-offices', { date: todayRome() }));
      await must(m.act(caseId, 'start-investigation'));
      await must(m.act(caseId, 'submit-report', { date: todayRome(), documentId: await m.upload(caseId, 'relazione.pdf') }));
      return must(m.act(caseId, 'file-with-court', { date: todayRome(), documentId: await m.upload(caseId, 'ricorso.pdf'), court: 'Tribunale di Milano' }));
    },
    async court(caseId: string, kind: string, extra: Record<string, unknown> = {}) {
      return must(sec.act(caseId, 'record-court-event', { kind, date: todayRome(), documentId: await sec.upload(caseId, `${kind}.pdf`), ...extra }));
    },
    /** Waits for the file's state to satisfy `ok` (timers run on their own). */
    until: (caseId: string, ok: (s: Record<string, unknown> & { stage: string }) => boolean, ms = 30_000) => waitFor(() => stateOf(caseId), ok, ms),
    runId: async (workflowId: string) => (await stack.temporal.client.workflow.getHandle(workflowId).describe()).runId,
  };
}
