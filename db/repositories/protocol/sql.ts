import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';

/** A SELECT through the pool or the given transaction (raw SQL: every statement names body_id). */
export async function select<T extends object>(
  sequelize: Sequelize,
  sql: string,
  replacements: Record<string, unknown>,
  transaction?: Transaction,
): Promise<T[]> {
  return sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements, ...(transaction ? { transaction } : {}) });
}

export async function execute(sequelize: Sequelize, sql: string, replacements: Record<string, unknown>, transaction?: Transaction): Promise<void> {
  await sequelize.query(sql, { replacements, ...(transaction ? { transaction } : {}) });
}

/** Name-based UUID (db/name-based-id.ts) — e.g. an entry's ID from the body and the request's Idempotency-Key. */
export { nameBasedId as nameBasedUuid } from '../../name-based-id';

/** PostgreSQL error code of a failed query (e.g. 23505 unique violation), if any. */
export function pgCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; parent?: { code?: unknown }; original?: { code?: unknown } } | undefined;
  const code = e?.parent?.code ?? e?.original?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The constraint a failed query violated, if any. */
export function pgConstraint(err: unknown): string | undefined {
  const e = err as { parent?: { constraint?: string }; original?: { constraint?: string } };
  return e?.parent?.constraint ?? e?.original?.constraint;
}

export const iso = (d: Date | string): string => new Date(d).toISOString();
