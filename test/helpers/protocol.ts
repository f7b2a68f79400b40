/** Fixtures of the protocol register tests: a body with a manager and an officer, registers, entry bodies. */
import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import type { Sequelize } from 'sequelize';
import { createTenant, TEST_PASSWORD, type Tenant } from './fixtures';
import { login } from './stack';

export interface ProtocolTenant extends Tenant {
  manager: string;
  officer: string;
  secretariat: string;
}

export async function protocolTenant(app: Express, sequelize: Sequelize): Promise<ProtocolTenant> {
  const tenant = await createTenant(sequelize, ['protocol_manager', 'protocol_officer', 'secretariat']);
  const token = async (role: string) => (await login(app, tenant.users[role]!.email, TEST_PASSWORD)).token;
  return { ...tenant, manager: await token('protocol_manager'), officer: await token('protocol_officer'), secretariat: await token('secretariat') };
}

export async function createRegister(app: Express, t: ProtocolTenant, code: string, name = `Registro ${code}`): Promise<string> {
  const res = await request(app)
    .post(`/api/bodies/${t.bodyId}/protocol/registers`)
    .set('Authorization', `Bearer ${t.manager}`)
    .send({ code, name, administrationCode: 'oav_rm', aooCode: 'A1B2C3D' });
  if (res.status !== 201) throw new Error(`register not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

export const pdfBytes = (text = 'documento'): Buffer =>
  Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

export function entryBody(registerId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    registerId,
    direction: 'incoming',
    channel: 'pec',
    correspondents: [{ kind: 'person', firstName: 'Mario', lastName: 'Rossi', taxCode: 'RSSMRA80A01H501U', pec: 'mario.rossi@pec.example.it' }],
    subject: 'Richiesta di iscrizione all’albo',
    classificationCode: 'II.1',
    ...overrides,
  };
}

export function postEntry(app: Express, t: ProtocolTenant, body: Record<string, unknown>, opts: { token?: string; key?: string } = {}) {
  return request(app)
    .post(`/api/bodies/${t.bodyId}/protocol/entries`)
    .set('Authorization', `Bearer ${opts.token ?? t.officer}`)
    .set('Idempotency-Key', opts.key ?? randomUUID())
    .send(body);
}
