/**
 * A benchmark's own servers, prepared as scripts/test.ts prepares `npm test`: a Temporal dev server in
 * memory, and PostgreSQL — a fresh database on DATABASE_URL's server when set (dropped at the end),
 * else an embedded one in a temp dir — migrated. `stop()` closes and removes everything it started.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Sequelize } from 'sequelize';
import { connectDatabase } from '../db/connect';
import { migrate } from '../db/migrate';
import { startEmbeddedPostgres } from '../scripts/embedded-postgres';
import { freePort } from '../scripts/free-port';
import { ephemeralSecrets, type LocalSecrets } from '../scripts/local-secrets';
import { ensureTemporalCli } from '../scripts/temporal-cli';
import { startTemporalDevServer } from '../scripts/temporal-dev-server';

export interface BenchInfra {
  temporalAddress: string;
  databaseUrl: string;
  sequelize: Sequelize;
  secrets: LocalSecrets;
  stop(): Promise<void>;
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

export async function startInfra(log: (line: string) => void = console.log): Promise<BenchInfra> {
  const cleanups: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    const secrets = ephemeralSecrets();
    const binary = await ensureTemporalCli(log);
    const temporal = await startTemporalDevServer({ binary, port: await freePort(), namespace: 'default' });
    cleanups.push(() => temporal.stop());

    const dbName = `mediazione_bench_${Date.now()}`;
    let databaseUrl: string;
    const serverUrl = process.env.DATABASE_URL;
    if (serverUrl) {
      await adminQuery(serverUrl, `CREATE DATABASE "${dbName}"`);
      cleanups.push(() => adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${dbName}"`));
      const u = new URL(serverUrl);
      u.pathname = `/${dbName}`;
      databaseUrl = u.toString();
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'mediazione-bench-pg-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), port: await freePort(), password: secrets.postgresPassword });
      cleanups.push(() => pg.stop());
      await pg.createDatabase(dbName);
      databaseUrl = pg.url(dbName);
    }
    const sequelize = connectDatabase(databaseUrl, 5);
    cleanups.push(() => sequelize.close());
    await migrate(sequelize);
    log(`Temporal dev server on ${temporal.address}; PostgreSQL ${serverUrl ? 'at DATABASE_URL' : 'embedded'}, database ${dbName}`);
    return { temporalAddress: temporal.address, databaseUrl, sequelize, secrets, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
