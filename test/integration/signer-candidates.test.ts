/**
 * Signer candidates of a case (parties, lawyers, accepted mediator) and the users' tax code that the
 * mediator candidate needs: set by the user, by a body admin, validated, audited, tenant-scoped.
 */
import { randomUUID } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import request from 'supertest';
import { listSignerCandidates } from '../../db/repositories/signer-candidates';
import { createTenant, TEST_PASSWORD, type Tenant } from '../helpers/fixtures';
import { declaration, flow } from '../helpers/mediation-flow';
import { login, startStack, type Stack } from '../helpers/stack';

let stack: Stack;
let tenant: Tenant;
let other: Tenant;
let secretariat: string;
let admin: string;
let party: string;
let f: ReturnType<typeof flow>;

const auth = (t: string) => ({ Authorization: `Bearer ${t}` });
const api = (path: string) => `/api/bodies/${tenant.bodyId}${path}`;

beforeAll(async () => {
  stack = await startStack();
  tenant = await createTenant(stack.sequelize, ['secretariat', 'admin', 'party']);
  other = await createTenant(stack.sequelize, ['secretariat']);
  secretariat = (await login(stack.app, tenant.users.secretariat!.email, TEST_PASSWORD)).token;
  admin = (await login(stack.app, tenant.users.admin!.email, TEST_PASSWORD)).token;
  party = (await login(stack.app, tenant.users.party!.email, TEST_PASSWORD)).token;
  f = flow(stack, tenant, secretariat);
});
afterAll(() => stack.stop());

describe('signer candidates', () => {
  it('lists parties in filing order, their lawyers, and the mediator only once the designation is accepted', async () => {
    const caseId = await f.fileCase();
    const mediator = await f.newMediator();
    const first = await request(stack.app).get(api(`/cases/${caseId}/signer-candidates`)).set(auth(secretariat));
    expect(first.status).toBe(200);
    expect(first.body.items).toEqual([
      { key: 'party-0', role: 'party', side: 'applicant', fullName: 'Mario Rossi', givenName: 'Mario', surname: 'Rossi', taxCode: 'RSSMRA80A01H501U', email: 'mario.rossi@example.it', phone: '+393331234567', complete: true },
      { key: 'party-1', role: 'party', side: 'invited', fullName: 'Alfa Immobiliare S.r.l.', givenName: null, surname: null, taxCode: null, email: 'alfa@pec.example.it', phone: null, complete: false },
      { key: 'lawyer-0', role: 'lawyer', side: 'applicant', fullName: 'Anna Bruno', givenName: 'Anna', surname: 'Bruno', taxCode: 'BNCLRA85M52F205I', email: 'anna.bruno@pec.example.it', phone: null, complete: true },
    ]);

    // Designated but not yet accepted: not a candidate.
    const d = await f.sec.act(caseId, 'designate-mediator', { criterion: 'manual', mediatorId: mediator.id, reason: 'Indicazione concorde delle parti' });
    expect(d.status).toBe(200);
    expect((await listSignerCandidates(stack.sequelize, tenant.bodyId, caseId))!.map((c) => c.key)).toEqual(['party-0', 'party-1', 'lawyer-0']);

    // The mediator sets their own tax code (normalised), then accepts.
    const bad = await request(stack.app).put('/api/me/profile').set(auth(mediator.token)).send({ taxCode: 'RSSMRA80A01H501X' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const company = await request(stack.app).put('/api/me/profile').set(auth(mediator.token)).send({ taxCode: '00743110157' });
    expect(company.status).toBe(422);
    const set = await request(stack.app).put('/api/me/profile').set(auth(mediator.token)).send({ taxCode: 'vrdgpp80a01h501u' });
    expect(set.status).toBe(200);
    expect(set.body.taxCode).toBe('VRDGPP80A01H501U');
    expect((await request(stack.app).get('/api/me/profile').set(auth(mediator.token))).body.taxCode).toBe('VRDGPP80A01H501U');

    const a = await f.api(mediator.token).act(caseId, 'answer-appointment', { accept: true, declaration });
    expect(a.status).toBe(200);
    let items: { key: string }[] = [];
    for (let i = 0; i < 50; i++) {
      items = (await request(stack.app).get(api(`/cases/${caseId}/signer-candidates`)).set(auth(secretariat))).body.items;
      if (items.some((c) => c.key === 'mediator')) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(items.at(-1)).toMatchObject({ key: 'mediator', role: 'mediator', taxCode: 'VRDGPP80A01H501U', email: mediator.email, side: null, complete: true, givenName: 'Mediatore' });

    // The designated mediator reaches the list of their own case.
    expect((await request(stack.app).get(api(`/cases/${caseId}/signer-candidates`)).set(auth(mediator.token))).status).toBe(200);
  });

  it('refuses callers without signatures.manage, other bodies, unknown cases and other mediators', async () => {
    const caseId = await f.fileCase();
    expect((await request(stack.app).get(api(`/cases/${caseId}/signer-candidates`)).set(auth(party))).status).toBe(403);
    const foreign = (await login(stack.app, other.users.secretariat!.email, TEST_PASSWORD)).token;
    expect((await request(stack.app).get(api(`/cases/${caseId}/signer-candidates`)).set(auth(foreign))).body.error.code).toBe('BODY_MISMATCH');
    expect((await request(stack.app).get(`/api/bodies/${other.bodyId}/cases/${caseId}/signer-candidates`).set(auth(foreign))).body.error.code).toBe('CASE_NOT_FOUND');
    expect((await request(stack.app).get(api(`/cases/${randomUUID()}/signer-candidates`)).set(auth(secretariat))).status).toBe(404);
    const stranger = await f.newMediator();
    expect((await request(stack.app).get(api(`/cases/${caseId}/signer-candidates`)).set(auth(stranger.token))).body.error.code).toBe('CASE_NOT_FOUND');
    expect(await listSignerCandidates(stack.sequelize, other.bodyId, caseId)).toBeNull();
  });

  it('lets a body admin set a member’s tax code with an audit row, and nobody else', async () => {
    const target = tenant.users.secretariat!.id;
    const denied = await request(stack.app).put(api(`/members/${target}/tax-code`)).set(auth(secretariat)).send({ taxCode: 'RSSMRA80A01H501U' });
    expect(denied.status).toBe(403);
    const outsider = other.users.secretariat!.id;
    expect((await request(stack.app).put(api(`/members/${outsider}/tax-code`)).set(auth(admin)).send({ taxCode: 'RSSMRA80A01H501U' })).status).toBe(404);
    const ok = await request(stack.app).put(api(`/members/${target}/tax-code`)).set(auth(admin)).send({ taxCode: 'RSSMRA80A01H501U' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ id: target, taxCode: 'RSSMRA80A01H501U' });
    const cleared = await request(stack.app).put(api(`/members/${target}/tax-code`)).set(auth(admin)).send({ taxCode: null });
    expect(cleared.body.taxCode).toBeNull();
    const audit = await stack.sequelize.query<{ user_id: string; details: { cleared: boolean } }>(
      "SELECT user_id, details FROM audit_log WHERE body_id = :bodyId AND action = 'user.tax_code_set' AND entity_id = :target ORDER BY id",
      { type: QueryTypes.SELECT, replacements: { bodyId: tenant.bodyId, target } },
    );
    expect(audit.map((a) => [a.user_id, a.details.cleared])).toEqual([[tenant.users.admin!.id, false], [tenant.users.admin!.id, true]]);
  });
});
