/**
 * Mass mailings through the API and the real workflow: every recipient of the audience gets one
 * message, newsletters carry a working unsubscribe link that is honoured, pause/resume/cancel are
 * Updates refused when the state does not allow them, and bad input changes nothing.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { addContacts as addContactsTo } from '../helpers/contacts';
import { createTenant, TEST_PASSWORD, type Tenant } from '../helpers/fixtures';
import { login, startStack, type Stack } from '../helpers/stack';

let stack: Stack;
let tenant: Tenant;
let token: string;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const addContacts = (bodyId: string, n: number, prefix: string) => addContactsTo(stack.sequelize, bodyId, n, prefix);

const api = () => ({
  post: (path: string, body: unknown, key: string = randomUUID()) =>
    request(stack.app).post(`/api/bodies/${tenant.bodyId}${path}`).set('Authorization', `Bearer ${token}`).set('Idempotency-Key', key).send(body as object),
  get: (path: string) => request(stack.app).get(`/api/bodies/${tenant.bodyId}${path}`).set('Authorization', `Bearer ${token}`),
});

async function waitFor(id: string, done: (m: { state: string; progress: { pending: number } }) => boolean, ms = 60_000) {
  const until = Date.now() + ms;
  for (;;) {
    const r = await api().get(`/mailings/${id}`);
    if (done(r.body)) return r.body;
    if (Date.now() > until) throw new Error(`mailing ${id} stuck: ${JSON.stringify(r.body)}`);
    await sleep(300);
  }
}

beforeAll(async () => {
  stack = await startStack();
  tenant = await createTenant(stack.sequelize, ['secretariat', 'mediator']);
  token = (await login(stack.app, tenant.users.secretariat!.email, TEST_PASSWORD)).token;
  await stack.sequelize.query("INSERT INTO communication_settings (body_id, sender_name, sender_email, signature) VALUES (:b, 'Segreteria ODM', 'segreteria@odm.example.it', 'La segreteria')", {
    replacements: { b: tenant.bodyId },
  });
});
afterAll(() => stack.stop());

it('sends one message to every contact of the body and reports the progress', async () => {
  const contacts = await addContacts(tenant.bodyId, 40, 'disp');
  const res = await api().post('/mailings', { kind: 'dispatch', channel: 'email', subject: 'Nuovi orari', message: 'La segreteria è aperta anche il sabato.', audience: { kind: 'contacts' } });
  expect(res.status).toBe(201);
  const done = await waitFor(res.body.id, (m) => m.state === 'completed');
  expect(done.progress).toEqual({ total: 40, sent: 40, failed: 0, skipped: 0, pending: 0 });
  const mails = stack.sink!.messages.filter((m) => m.subject === 'Nuovi orari');
  expect(mails).toHaveLength(40);
  expect(new Set(mails.map((m) => m.to && 'value' in m.to ? m.to.value[0]!.address : '')).size).toBe(40);
  expect(mails[0]!.from?.value[0]).toEqual({ address: 'segreteria@odm.example.it', name: 'Segreteria ODM' });
  expect(mails[0]!.text).toContain('La segreteria');
  expect(contacts.every((c) => mails.some((m) => m.text?.includes(c.last_name!)))).toBe(true);
  // The same request again (same Idempotency-Key) is the same mailing, not a second one.
  const again = await api().post('/mailings', { kind: 'dispatch', channel: 'email', subject: 'Nuovi orari', message: 'x', audience: { kind: 'contacts' } }, 'not-a-uuid');
  expect(again.status).toBe(400);
});

it('honours the unsubscribe link of a newsletter', async () => {
  const body = { kind: 'newsletter', channel: 'email', subject: 'Newsletter di marzo', message: 'Novità sulla mediazione.', audience: { kind: 'members' } };
  const first = await api().post('/mailings', body);
  await waitFor(first.body.id, (m) => m.state === 'completed');
  const toMediator = stack.sink!.messages.find((m) => m.subject === 'Newsletter di marzo' && m.to && 'value' in m.to && m.to.value[0]!.address === tenant.users.mediator!.email)!;
  const header = (name: string) => toMediator.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '');
  expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
  const link = new URL(/<(.+)>/.exec(header('list-unsubscribe') ?? '')![1]!);
  expect(toMediator.html).toContain(link.search.replace(/&/g, '&amp;').slice(0, 20));

  const tampered = await request(stack.app).post(`${link.pathname}?t=${link.searchParams.get('t')!.slice(0, -2)}xx`);
  expect(tampered.status).toBe(400);
  const page = await request(stack.app).get(`${link.pathname}${link.search}`);
  expect(page.status).toBe(200);
  expect(page.text).toContain(tenant.users.mediator!.email);
  const confirmed = await request(stack.app).post(`${link.pathname}${link.search}`).type('form').send('List-Unsubscribe=One-Click');
  expect(confirmed.status).toBe(200);

  const second = await api().post('/mailings', { ...body, subject: 'Newsletter di aprile' });
  const done = await waitFor(second.body.id, (m) => m.state === 'completed');
  expect(done.progress).toMatchObject({ total: 2, sent: 1, skipped: 1, pending: 0 });
  const april = stack.sink!.messages.filter((m) => m.subject === 'Newsletter di aprile');
  expect(april.map((m) => (m.to && 'value' in m.to ? m.to.value[0]!.address : ''))).toEqual([tenant.users.secretariat!.email]);
});

it('pauses, resumes and cancels through Updates that refuse what the state does not allow', async () => {
  await addContacts(tenant.bodyId, 60, 'slow');
  // 10 messages a second: the mailing runs for several seconds.
  await stack.sequelize.query(`UPDATE communication_settings SET rate_limits = '{"email": 10}' WHERE body_id = :b`, { replacements: { b: tenant.bodyId } });
  const res = await api().post('/mailings', { kind: 'dispatch', channel: 'email', subject: 'Avviso lento', message: 'Testo.', audience: { kind: 'contacts' } });
  const id = res.body.id as string;
  await waitFor(id, (m) => m.state === 'running' && (m as unknown as { progress: { sent: number } }).progress.sent > 0);
  expect((await api().post(`/mailings/${id}/resume`, {})).body.error.code).toBe('ACTION_NOT_ALLOWED');
  const paused = await api().post(`/mailings/${id}/pause`, {});
  expect(paused.status).toBe(200);
  expect(paused.body.state).toBe('paused');
  expect(paused.body.allowedActions).toEqual(['resume', 'cancel']);
  await sleep(2500);
  const a = (await api().get(`/mailings/${id}`)).body.progress.sent as number;
  await sleep(2000);
  const b = (await api().get(`/mailings/${id}`)).body.progress.sent as number;
  expect(b).toBe(a); // nothing goes out while paused
  expect(a).toBeLessThan(100);
  expect((await api().post(`/mailings/${id}/resume`, {})).body.state).toBe('running');
  await waitFor(id, (m) => (m as unknown as { progress: { sent: number } }).progress.sent > b);
  const cancelled = await api().post(`/mailings/${id}/cancel`, {});
  expect(cancelled.body.state).toBe('cancelled');
  const final = await waitFor(id, (m) => m.state === 'cancelled' && !(m as unknown as { live: boolean }).live, 30_000).catch(async () => (await api().get(`/mailings/${id}`)).body);
  expect(final.progress.pending).toBeGreaterThan(0);
  expect((await api().post(`/mailings/${id}/pause`, {})).status).toBe(409);
  const sentAtSink = stack.sink!.messages.filter((m) => m.subject === 'Avviso lento').length;
  await sleep(1500);
  expect(stack.sink!.messages.filter((m) => m.subject === 'Avviso lento').length).toBe(sentAtSink);
  await stack.sequelize.query(`UPDATE communication_settings SET rate_limits = '{}' WHERE body_id = :b`, { replacements: { b: tenant.bodyId } });
}, 90_000);

it('refuses bad input and records nothing', async () => {
  const before = await stack.sequelize.query('SELECT count(*)::int AS n FROM mailings WHERE body_id = :b', { replacements: { b: tenant.bodyId }, plain: true });
  const bad = [
    { kind: 'dispatch', channel: 'email', subject: '', message: 'x', audience: { kind: 'contacts' } },
    { kind: 'dispatch', channel: 'fax', subject: 'x', message: 'x', audience: { kind: 'contacts' } },
    { kind: 'newsletter', channel: 'sms', subject: 'x', message: 'x', audience: { kind: 'contacts' } },
    { kind: 'dispatch', channel: 'email', subject: 'x', message: 'x', audience: { kind: 'case_parties', caseIds: [] } },
  ];
  for (const b of bad) expect((await api().post('/mailings', b)).status).toBe(422);
  expect((await api().post('/mailings', { kind: 'dispatch', channel: 'pec', subject: 'x', message: 'x', audience: { kind: 'contacts' } })).body.error.code).toBe('PEC_NOT_CONFIGURED');
  const mediator = (await login(stack.app, tenant.users.mediator!.email, TEST_PASSWORD)).token;
  const denied = await request(stack.app).post(`/api/bodies/${tenant.bodyId}/mailings`).set('Authorization', `Bearer ${mediator}`).set('Idempotency-Key', randomUUID()).send(bad[0]!);
  expect(denied.status).toBe(403);
  const after = await stack.sequelize.query('SELECT count(*)::int AS n FROM mailings WHERE body_id = :b', { replacements: { b: tenant.bodyId }, plain: true });
  expect(after).toEqual(before);
});
