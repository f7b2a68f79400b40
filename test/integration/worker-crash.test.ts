/**
 * Kills the worker process (SIGKILL) again and again while cases are being filed: afterwards every
 * filing has exactly one case, numbered without gaps, and retried requests get the same case.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import request from 'supertest';
import { createTenant, sampleFiling, TEST_PASSWORD } from '../helpers/fixtures';
import { login, startStack, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ worker: false });
});
afterAll(() => stack.stop());

const root = join(__dirname, '..', '..');
function startWorkerProcess(): ChildProcess {
  // node --import tsx: the worker is this child itself (the tsx CLI would run it in a grandchild SIGKILL misses).
  return spawn(process.execPath, ['--import', 'tsx', join(root, 'activities', 'worker.ts')], {
    cwd: root,
    env: { ...process.env, TEMPORAL_TASK_QUEUE: stack.config.TEMPORAL_TASK_QUEUE, LOG_LEVEL: 'silent' },
    stdio: 'ignore',
  });
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('loses and duplicates no case when the worker is killed during filing', async () => {
  const tenant = await createTenant(stack.sequelize, ['secretariat']);
  const { token } = await login(stack.app, tenant.users.secretariat!.email, TEST_PASSWORD);
  const keys = Array.from({ length: 30 }, () => randomUUID());
  const file = (key: string) =>
    request(stack.app).post(`/api/bodies/${tenant.bodyId}/cases`).set('Authorization', `Bearer ${token}`).set('Idempotency-Key', key).send(sampleFiling());

  let worker = startWorkerProcess();
  let kills = 0;
  const killer = (async () => {
    for (let i = 0; i < 4; i++) {
      await sleep(2500 + i * 700);
      worker.kill('SIGKILL');
      kills++;
      await sleep(300);
      worker = startWorkerProcess();
    }
  })();
  // Filings arrive in waves while the worker dies and comes back.
  const first = [];
  for (const [i, key] of keys.entries()) {
    first.push(file(key));
    if (i % 5 === 4) await sleep(700);
  }
  const firstAnswers = await Promise.all(first);
  await killer;
  expect(kills).toBe(4);
  expect(firstAnswers.every((r) => r.status === 201 || r.status === 202)).toBe(true);

  // The surviving worker finishes everything; clients retry with their keys.
  let registered = 0;
  for (let i = 0; i < 120 && registered < keys.length; i++) {
    const [rows] = await stack.sequelize.query('SELECT count(*)::int AS n FROM cases WHERE body_id = :b', { replacements: { b: tenant.bodyId } });
    registered = (rows as { n: number }[])[0]!.n;
    if (registered < keys.length) await sleep(500);
  }
  const retries = await Promise.all(keys.map(file));
  worker.kill('SIGTERM');

  expect(registered).toBe(keys.length);
  expect(retries.map((r) => r.status)).toEqual(keys.map(() => 201));
  expect(new Set(retries.map((r) => r.body.caseId)).size).toBe(keys.length);
  for (const [i, r] of firstAnswers.entries()) {
    if (r.status === 201) expect(retries[i]!.body.caseNumber).toBe(r.body.caseNumber);
  }
  const numbers = retries.map((r) => Number(String(r.body.caseNumber).split('/')[1])).sort((a, b) => a - b);
  expect(numbers).toEqual(keys.map((_, i) => i + 1));
}, 240_000);
