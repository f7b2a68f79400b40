/**
 * GET /occ-crisis-managers: the body's crisis managers for the OCC pages (designation by hand, list
 * filter) — for the secretariat only, one body's only, with their open files counted.
 */
import request from 'supertest';
import { addCrisisManager, occSetup } from '../helpers/occ-flow';
import { createTenant, TEST_PASSWORD } from '../helpers/fixtures';
import { login, startStack, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

it('lists the crisis managers of the body to the secretariat, not to the crisis managers, not across bodies', async () => {
  const f = await occSetup(stack);
  const a = await f.crisisManager();
  const b = await addCrisisManager(stack.sequelize, f.tenant.bodyId);
  const { caseId } = await f.open();
  await f.mandated(caseId, a);

  const list = await f.must(f.sec.get('/occ-crisis-managers'));
  const byId = new Map((list.items as { id: string; fullName: string; available: boolean; activeFiles: number }[]).map((m) => [m.id, m]));
  expect([...byId.keys()].sort()).toEqual([a.id, b.id].sort());
  expect(byId.get(a.id)).toMatchObject({ available: true, activeFiles: 1 });
  expect(byId.get(b.id)).toMatchObject({ available: true, activeFiles: 0 });

  expect((await f.api(a.token).get('/occ-crisis-managers')).status).toBe(403);

  const other = await createTenant(stack.sequelize, ['secretariat']);
  const token = (await login(stack.app, other.users.secretariat!.email, TEST_PASSWORD)).token;
  const theirs = await request(stack.app).get(`/api/bodies/${other.bodyId}/occ-crisis-managers`).set('Authorization', `Bearer ${token}`);
  expect(theirs.status).toBe(200);
  expect(theirs.body.items).toEqual([]);
  expect((await request(stack.app).get(`${f.base}/occ-crisis-managers`).set('Authorization', `Bearer ${token}`)).status).toBe(403);
});
