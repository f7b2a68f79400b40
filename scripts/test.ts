/**
 * `npm test`: starts a real Temporal dev server (in memory) and a real PostgreSQL (DATABASE_URL's
 * server when set — a fresh database is created on it — else an embedded one in a temp dir), applies
 * the migrations, then runs every jest project against them. The browser project runs when Debian's
 * chromium is installed (CI installs it); extra arguments go to jest.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { connectDatabase } from '../db/connect';
import { migrate } from '../db/migrate';
import { startEmbeddedPostgres, type EmbeddedPg } from './embedded-postgres';
import { freePort } from './free-port';
import { ephemeralSecrets } from './local-secrets';
import { ensureTemporalCli } from './temporal-cli';
import { startTemporalDevServer } from './temporal-dev-server';

const root = resolve(__dirname, '..');
export const CHROMIUM = '/usr/bin/chromium';

async function createDatabaseOn(url: string, name: string): Promise<string> {
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function main(): Promise<number> {
  const t0 = Date.now();
  const binary = await ensureTemporalCli((l) => console.log(l));
  const temporal = await startTemporalDevServer({ binary, port: await freePort(), namespace: 'default' });
  // The dev server runs in its own process group: stop it on Ctrl-C too (embedded PostgreSQL stops itself).
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => void temporal.stop().finally(() => process.exit(130)));
  console.log(`Temporal dev server on ${temporal.address}`);

  const dbName = `mediazione_test_${Date.now()}`;
  let pg: EmbeddedPg | undefined;
  let pgDir: string | undefined;
  let databaseUrl: string;
  const secrets = ephemeralSecrets();
  if (process.env.DATABASE_URL) {
    databaseUrl = await createDatabaseOn(process.env.DATABASE_URL, dbName);
  } else {
    pgDir = mkdtempSync(join(tmpdir(), 'mediazione-pg-'));
    pg = await startEmbeddedPostgres({ dataDir: join(pgDir, 'data'), port: await freePort(), password: secrets.postgresPassword });
    await pg.createDatabase(dbName);
    databaseUrl = pg.url(dbName);
  }
  const sequelize = connectDatabase(databaseUrl);
  await migrate(sequelize);
  await sequelize.close();
  console.log(`PostgreSQL ready (${pg ? 'embedded' : 'DATABASE_URL'}), database ${dbName}; set-up ${Date.now() - t0} ms`);

  const filesDir = mkdtempSync(join(tmpdir(), 'mediazione-files-'));
  const preservationDir = mkdtempSync(join(tmpdir(), 'mediazione-preservation-'));
  const args = process.argv.slice(2);
  const withBrowser = existsSync(CHROMIUM);
  if (!withBrowser && !args.some((a) => a.startsWith('--selectProjects'))) {
    console.log(`NOTE: ${CHROMIUM} not found: the e2e (browser) project is skipped. Install Debian's chromium to run it.`);
    args.push('--selectProjects', 'unit', 'integration');
  } else if (withBrowser && !existsSync(join(root, 'web', 'dist', 'index.html'))) {
    console.log('Building the web UI for the browser test…');
    execFileSync('npm', ['run', '--silent', 'build:web'], { cwd: root, stdio: 'inherit' });
  }
  const code = await new Promise<number>((resolveCode) => {
    const jest = spawn(process.execPath, [require.resolve('jest/bin/jest'), '--forceExit', ...args], {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: databaseUrl,
        TEMPORAL_ADDRESS: temporal.address,
        TEMPORAL_CLI_PATH: binary,
        JWT_ACCESS_SECRET: secrets.jwtAccessSecret,
        LINK_SIGNING_SECRET: secrets.linkSigningSecret,
        SIGNING_KEYS_SECRET: secrets.signingKeysSecret,
        TEMPORAL_PAYLOAD_KEYS: secrets.payloadKeys,
        FILE_STORE_DIR: filesDir,
        PRESERVATION_DIR: preservationDir,
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
      },
    });
    jest.on('exit', (c) => resolveCode(c ?? 1));
  });

  await temporal.stop();
  if (pg) await pg.stop();
  if (pgDir) rmSync(pgDir, { recursive: true, force: true });
  rmSync(filesDir, { recursive: true, force: true });
  rmSync(preservationDir, { recursive: true, force: true });
  console.log(`npm test finished in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return code;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`npm test set-up failed: ${err instanceof Error ? err.stack : String(err)}`);
    process.exit(1);
  },
);
