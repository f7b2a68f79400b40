/** The embedded mail sink of `npm start` keeps outgoing mail, and only operators can read it through the app. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import request from 'supertest';
import { freePort } from '../../scripts/free-port';
import { startMailSink } from '../../scripts/mail-sink';
import { createTenant, TEST_PASSWORD } from '../helpers/fixtures';
import { login, startStack, type Stack } from '../helpers/stack';

const dir = mkdtempSync(join(tmpdir(), 'mz-mail-sink-'));
let stack: Stack;
let sink: { stop(): Promise<void> };
let port: number;

beforeAll(async () => {
  port = await freePort();
  sink = await startMailSink({ port, dir });
  stack = await startStack({ worker: false, config: { MAIL_SINK_DIR: dir } });
});
afterAll(async () => {
  await sink.stop();
  await stack.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('keeps a sent message and lists it to operators only', async () => {
  await nodemailer.createTransport(`smtp://127.0.0.1:${port}`).sendMail({
    from: 'segreteria@odm.example.it',
    to: 'mario.rossi@example.it',
    subject: 'Convocazione al primo incontro',
    text: 'Gentile Mario Rossi, …',
  });
  const operators = await createTenant(stack.sequelize, ['admin'], { operator: true });
  const staff = await createTenant(stack.sequelize, ['secretariat']);
  const op = (await login(stack.app, operators.users.admin!.email, TEST_PASSWORD)).token;
  const st = (await login(stack.app, staff.users.secretariat!.email, TEST_PASSWORD)).token;

  expect((await request(stack.app).get('/api/dev/mails')).status).toBe(401);
  expect((await request(stack.app).get('/api/dev/mails').set('Authorization', `Bearer ${st}`)).status).toBe(403);
  const list = await request(stack.app).get('/api/dev/mails').set('Authorization', `Bearer ${op}`);
  expect(list.status).toBe(200);
  expect(list.body.items).toEqual([expect.objectContaining({ to: 'mario.rossi@example.it', subject: 'Convocazione al primo incontro' })]);
  const one = await request(stack.app).get(`/api/dev/mails/${list.body.items[0].id}`).set('Authorization', `Bearer ${op}`);
  expect(one.body.text).toContain('Gentile Mario Rossi');
  expect((await request(stack.app).get('/api/dev/mails/..%2F..%2Fetc%2Fpasswd').set('Authorization', `Bearer ${op}`)).status).toBe(404);
});
