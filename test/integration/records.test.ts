import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Sequelize } from 'sequelize';
import { Case, Subject } from '../../db/models';
import { appendAudit } from '../../db/repositories/audit';
import { TenantScopeError } from '../../db/tenancy';
import { createTenant } from '../helpers/fixtures';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ worker: false });
});
afterAll(() => stack.stop());

describe('tenant scoping in the data layer', () => {
  it('refuses a query on a body-scoped model that names no body', async () => {
    await expect(Case.findAll()).rejects.toBeInstanceOf(TenantScopeError);
    await expect(Subject.count({ where: { kind: 'person' } })).rejects.toBeInstanceOf(TenantScopeError);
    await expect(Case.update({ stage: 'ARCHIVIATA' }, { where: { id: randomUUID() } })).rejects.toBeInstanceOf(TenantScopeError);
    await expect(Case.destroy({ where: { stage: 'ISCRITTA' } })).rejects.toBeInstanceOf(TenantScopeError);
  });

  it('lets a scoped query through and sees only its own body', async () => {
    const t = await createTenant(stack.sequelize, ['secretariat']);
    expect(await Case.findAll({ where: { bodyId: t.bodyId } })).toEqual([]);
  });
});

describe('audit log', () => {
  it('is append-only: updates and deletes are refused by the database', async () => {
    await appendAudit({ bodyId: null, userId: null, action: 'test.event', entityType: 'test' });
    await expect(stack.sequelize.query("UPDATE audit_log SET action = 'x' WHERE action = 'test.event'")).rejects.toThrow(/append-only/);
    await expect(stack.sequelize.query("DELETE FROM audit_log WHERE action = 'test.event'")).rejects.toThrow(/append-only/);
  });
});

describe('migrations', () => {
  it('are idempotent and safe to run from concurrent processes', async () => {
    const { migrate } = await import('../../db/migrate');
    // Plain instances: the models stay bound to the stack's own.
    const a = new Sequelize(stack.config.DATABASE_URL, { dialect: 'postgres', logging: false });
    const b = new Sequelize(stack.config.DATABASE_URL, { dialect: 'postgres', logging: false });
    try {
      const [ra, rb] = await Promise.all([migrate(a), migrate(b)]);
      expect([...ra, ...rb]).toEqual([]);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('health', () => {
  it('reports Temporal and the database up', async () => {
    const res = await request(stack.app).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', temporal: { up: true }, database: { up: true } });
  });
});
