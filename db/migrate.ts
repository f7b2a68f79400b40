import { join } from 'node:path';
import type { QueryInterface, Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';

interface PgConnection {
  query(sql: string, params: unknown[]): Promise<unknown>;
}

/** Applies pending migrations (db/migrations/NNNN-*.ts) under an advisory lock, so concurrent starts are safe. */
export async function migrate(sequelize: Sequelize): Promise<string[]> {
  const umzug = new Umzug<QueryInterface>({
    migrations: { glob: ['migrations/[0-9][0-9][0-9][0-9]-*.{ts,js}', { cwd: __dirname, ignore: ['**/*.d.ts', '**/*.test.ts'] }] },
    context: sequelize.getQueryInterface(),
    storage: new SequelizeStorage({ sequelize, tableName: 'schema_migrations' }),
    logger: undefined,
  });
  // A session-level advisory lock must be taken and released on one connection, not the pool.
  const lockKey = 7_182_010; // arbitrary constant
  const conn = (await sequelize.connectionManager.getConnection({ type: 'write' })) as unknown as PgConnection;
  try {
    await conn.query('SELECT pg_advisory_lock($1)', [lockKey]);
    const applied = await umzug.up();
    return applied.map((m) => m.name);
  } finally {
    await conn.query('SELECT pg_advisory_unlock($1)', [lockKey]).catch(() => undefined);
    sequelize.connectionManager.releaseConnection(conn as never);
  }
}

export const migrationsDir = join(__dirname, 'migrations');
