import { randomUUID } from 'node:crypto';
import type { Sequelize, Transaction } from 'sequelize';
import { assertCanAddRegister, type RegisterInput, type RegisterUpdate } from '../../../domain/protocol/registers';
import { assertNodeFits, defaultTitolario, parentCode, type ClassificationNode } from '../../../domain/protocol/classification';
import { DomainError } from '../../../domain/errors';
import type { ClassificationView, ProtocolRegisterView } from '../../../domain/views/protocol';
import { appendAudit } from '../audit';
import { execute, iso, pgCode, pgConstraint, select } from './sql';

interface RegisterRow {
  id: string;
  code: string;
  name: string;
  administration_code: string;
  aoo_code: string;
  active: boolean;
  auto_close: boolean;
  created_at: Date;
}

const toRegister = (r: RegisterRow): ProtocolRegisterView => ({
  id: r.id,
  code: r.code,
  name: r.name,
  administrationCode: r.administration_code,
  aooCode: r.aoo_code,
  active: r.active,
  autoClose: r.auto_close,
  createdAt: iso(r.created_at),
});

const REGISTER_COLUMNS = 'id, code, name, administration_code, aoo_code, active, auto_close, created_at';

export async function listRegisters(sequelize: Sequelize, bodyId: string): Promise<ProtocolRegisterView[]> {
  const rows = await select<RegisterRow>(sequelize, `SELECT ${REGISTER_COLUMNS} FROM protocol_registers WHERE body_id = :bodyId ORDER BY code`, { bodyId });
  return rows.map(toRegister);
}

export async function getRegister(sequelize: Sequelize, bodyId: string, id: string, transaction?: Transaction): Promise<ProtocolRegisterView | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await select<RegisterRow>(sequelize, `SELECT ${REGISTER_COLUMNS} FROM protocol_registers WHERE body_id = :bodyId AND id = :id`, { bodyId, id }, transaction);
  return row ? toRegister(row) : null;
}

/** Every register of every body (a platform-wide read, for the closure schedules): enabled = active with the automatic closure on. */
export async function listScheduledRegisters(sequelize: Sequelize): Promise<{ bodyId: string; registerId: string; enabled: boolean }[]> {
  const rows = await select<{ body_id: string; id: string; enabled: boolean }>(sequelize, 'SELECT body_id, id, active AND auto_close AS enabled FROM protocol_registers ORDER BY body_id, code', {});
  return rows.map((r) => ({ bodyId: r.body_id, registerId: r.id, enabled: r.enabled }));
}

/**
 * Creates a register (at most five per body: the rule here, a trigger in the database for races)
 * and, for the body's first register, the default titolario.
 */
export async function createRegister(sequelize: Sequelize, bodyId: string, input: RegisterInput, by: string | null, requestId?: string): Promise<ProtocolRegisterView> {
  try {
    return await sequelize.transaction(async (transaction) => {
      const [count] = await select<{ n: number }>(sequelize, 'SELECT count(*)::int AS n FROM protocol_registers WHERE body_id = :bodyId', { bodyId }, transaction);
      assertCanAddRegister(count!.n);
      const id = randomUUID();
      await execute(
        sequelize,
        `INSERT INTO protocol_registers (id, body_id, code, name, administration_code, aoo_code, auto_close)
         VALUES (:id, :bodyId, :code, :name, :administrationCode, :aooCode, :autoClose)`,
        { id, bodyId, ...input },
        transaction,
      );
      const [scheme] = await select<{ n: number }>(sequelize, 'SELECT count(*)::int AS n FROM protocol_classifications WHERE body_id = :bodyId', { bodyId }, transaction);
      if (scheme!.n === 0) for (const node of defaultTitolario) await insertNode(sequelize, bodyId, node, transaction);
      await appendAudit({ bodyId, userId: by, action: 'protocol.register_created', entityType: 'protocol_register', entityId: id, requestId: requestId ?? null, details: { code: input.code } }, transaction);
      return (await getRegister(sequelize, bodyId, id, transaction))!;
    });
  } catch (err) {
    if (pgCode(err) === '23505') throw new DomainError('REGISTER_CODE_TAKEN');
    if (pgConstraint(err) === 'protocol_registers_limit') throw new DomainError('REGISTER_LIMIT_REACHED');
    throw err;
  }
}

export async function updateRegister(sequelize: Sequelize, bodyId: string, id: string, change: RegisterUpdate, by: string, requestId?: string): Promise<ProtocolRegisterView> {
  return sequelize.transaction(async (transaction) => {
    const before = await getRegister(sequelize, bodyId, id, transaction);
    if (!before) throw new DomainError('REGISTER_NOT_FOUND');
    const next = { ...before, ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) };
    await execute(
      sequelize,
      `UPDATE protocol_registers SET name = :name, administration_code = :administrationCode, aoo_code = :aooCode,
         active = :active, auto_close = :autoClose, updated_at = now() WHERE body_id = :bodyId AND id = :id`,
      { bodyId, id, name: next.name, administrationCode: next.administrationCode, aooCode: next.aooCode, active: next.active, autoClose: next.autoClose },
      transaction,
    );
    await appendAudit({ bodyId, userId: by, action: 'protocol.register_changed', entityType: 'protocol_register', entityId: id, requestId: requestId ?? null, details: { fields: Object.keys(change) } }, transaction);
    return (await getRegister(sequelize, bodyId, id, transaction))!;
  });
}

interface NodeRow {
  code: string;
  title: string;
  parent_code: string | null;
  active: boolean;
}

export async function listClassifications(sequelize: Sequelize, bodyId: string, transaction?: Transaction): Promise<ClassificationView[]> {
  const rows = await select<NodeRow>(sequelize, 'SELECT code, title, parent_code, active FROM protocol_classifications WHERE body_id = :bodyId', { bodyId }, transaction);
  return rows
    .map((r) => ({ code: r.code, title: r.title, parentCode: r.parent_code, active: r.active }))
    .sort((a, b) => a.code.localeCompare(b.code, 'it', { numeric: true }));
}

async function insertNode(sequelize: Sequelize, bodyId: string, node: ClassificationNode, transaction: Transaction): Promise<void> {
  await execute(
    sequelize,
    'INSERT INTO protocol_classifications (body_id, code, title, parent_code, active) VALUES (:bodyId, :code, :title, :parent, :active)',
    { bodyId, code: node.code, title: node.title, parent: parentCode(node.code), active: node.active },
    transaction,
  );
}

/** Adds a node to the titolario (its parent must exist), audited. */
export async function addClassification(sequelize: Sequelize, bodyId: string, node: ClassificationNode, by: string, requestId?: string): Promise<ClassificationView> {
  return sequelize.transaction(async (transaction) => {
    await select(sequelize, 'SELECT 1 FROM bodies WHERE id = :bodyId FOR UPDATE', { bodyId }, transaction);
    const scheme = (await listClassifications(sequelize, bodyId, transaction)).map((n) => ({ code: n.code, title: n.title, active: n.active }));
    assertNodeFits(scheme, node);
    await insertNode(sequelize, bodyId, node, transaction);
    await appendAudit({ bodyId, userId: by, action: 'protocol.classification_added', entityType: 'protocol_classification', entityId: node.code, requestId: requestId ?? null }, transaction);
    return { code: node.code, title: node.title, parentCode: parentCode(node.code), active: node.active };
  });
}

/** Retires or reactivates a node: entries keep their classification; new entries cannot use a retired one. */
export async function setClassificationActive(sequelize: Sequelize, bodyId: string, code: string, active: boolean, by: string, requestId?: string): Promise<void> {
  await sequelize.transaction(async (transaction) => {
    const [row] = await select<{ code: string }>(
      sequelize,
      'UPDATE protocol_classifications SET active = :active WHERE body_id = :bodyId AND code = :code RETURNING code',
      { bodyId, code, active },
      transaction,
    );
    if (!row) throw new DomainError('CLASSIFICATION_UNKNOWN');
    await appendAudit({ bodyId, userId: by, action: active ? 'protocol.classification_reactivated' : 'protocol.classification_retired', entityType: 'protocol_classification', entityId: code, requestId: requestId ?? null }, transaction);
  });
}
