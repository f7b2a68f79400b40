/**
 * `npm start`: the whole product on its embedded defaults, in one process tree — Temporal dev server
 * with its Web UI (state in .data/temporal.db), embedded PostgreSQL (.data/postgres) unless
 * DATABASE_URL is set, migrations, demo data, the worker and the API serving the built UI.
 * Ctrl-C drains the worker and stops everything; the next start resumes every record and workflow.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseConfig, ConfigError } from '../config';
import { createLogger } from '../config/logger';
import { connectDatabase } from '../db/connect';
import { migrate } from '../db/migrate';
import { startApi } from '../api/server';
import { runWorker } from '../activities/worker';
import { installTemporalRuntime } from '../temporal/logger';
import { startMailSink } from './mail-sink';
import { ensureAuditSchedule } from './preservation-schedule';
import { startEmbeddedPostgres, takeBackShutdownSignals, type EmbeddedPg } from './embedded-postgres';
import { loadOrCreateSecrets } from './local-secrets';
import { seedDemo, demoUsers } from './seed-demo';
import { ensureTemporalCli } from './temporal-cli';
import { startTemporalDevServer, type DevServer } from './temporal-dev-server';

const root = resolve(__dirname, '..');
const dataDir = join(root, '.data');
const say = (line: string) => process.stdout.write(`${line}\n`);

/** What has been started so far, stopped in reverse order on failure or Ctrl-C. */
const running: { name: string; stop: () => Promise<void> }[] = [];

async function stopAll(): Promise<void> {
  while (running.length > 0) {
    const r = running.pop()!;
    say(`  stopping ${r.name}…`);
    await r.stop().catch((err: unknown) => process.stderr.write(`could not stop ${r.name}: ${String(err)}\n`));
  }
}

async function main() {
  const started = Date.now();
  mkdirSync(dataDir, { recursive: true });
  const secrets = loadOrCreateSecrets(join(dataDir, 'secrets.json'));
  const env = process.env;
  const appPort = Number(env.APP_PORT ?? 3000);
  const uiPort = Number(env.TEMPORAL_UI_PORT ?? 8233);

  let temporal: DevServer | undefined;
  if (!env.TEMPORAL_ADDRESS) {
    const binary = await ensureTemporalCli(say);
    say('Starting Temporal dev server…');
    temporal = await startTemporalDevServer({
      binary,
      port: Number(env.TEMPORAL_PORT ?? 7233),
      namespace: env.TEMPORAL_NAMESPACE ?? 'default',
      dbFile: join(dataDir, 'temporal.db'),
      uiPort,
      codecEndpoint: `http://localhost:${appPort}/api/codec`,
    });
    running.push({ name: 'Temporal dev server', stop: temporal.stop });
  }

  let pg: EmbeddedPg | undefined;
  if (!env.DATABASE_URL) {
    say('Starting embedded PostgreSQL…');
    pg = await startEmbeddedPostgres({ dataDir: join(dataDir, 'postgres'), port: Number(env.EMBEDDED_PG_PORT ?? 54329), password: secrets.postgresPassword });
    await takeBackShutdownSignals();
    running.push({ name: 'PostgreSQL', stop: pg.stop });
    await pg.createDatabase('mediazione');
  }

  const config = parseConfig({
    ...env,
    APP_PORT: String(appPort),
    DATABASE_URL: env.DATABASE_URL ?? pg!.url('mediazione'),
    TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS ?? temporal!.address,
    TEMPORAL_UI_ORIGIN: env.TEMPORAL_UI_ORIGIN ?? `http://localhost:${uiPort}`,
    ...(temporal ? { TEMPORAL_UI_PROXY_TARGET: `http://127.0.0.1:${uiPort}` } : {}),
    JWT_ACCESS_SECRET: env.JWT_ACCESS_SECRET ?? secrets.jwtAccessSecret,
    LINK_SIGNING_SECRET: env.LINK_SIGNING_SECRET ?? secrets.linkSigningSecret,
    SIGNING_KEYS_SECRET: env.SIGNING_KEYS_SECRET ?? secrets.signingKeysSecret,
    PRESERVATION_DIR: env.PRESERVATION_DIR ?? join(dataDir, 'preservation'),
    TEMPORAL_PAYLOAD_KEYS: env.TEMPORAL_PAYLOAD_KEYS ?? secrets.payloadKeys,
    FILE_STORE_DIR: env.FILE_STORE_DIR ?? join(dataDir, 'files'),
    WEB_DIST_DIR: env.WEB_DIST_DIR ?? join(root, 'web', 'dist'),
    // Without an SMTP server of the user's, mail goes to the in-process sink.
    ...(env.SMTP_URL ? {} : { SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_SINK_DIR: join(dataDir, 'mail-sink'), MAIL_ACCEPTED_LOOKUP: `dir:${join(dataDir, 'mail-sink', 'accepted')}` }),
    LOG_LEVEL: env.LOG_LEVEL ?? 'warn',
  });
  const logger = createLogger(config, 'start');
  installTemporalRuntime(logger);

  if (!existsSync(join(config.WEB_DIST_DIR, 'index.html'))) {
    say('Building the web UI (first start only)…');
    execFileSync('npm', ['run', '--silent', 'build:web'], { cwd: root, stdio: 'inherit' });
  }

  if (config.MAIL_SINK_DIR) {
    const sink = await startMailSink({ port: Number(new URL(config.SMTP_URL).port || 25), dir: config.MAIL_SINK_DIR });
    running.push({ name: 'mail sink', stop: sink.stop });
  }

  const sequelize = connectDatabase(config.DATABASE_URL, config.DATABASE_POOL_MAX);
  running.push({ name: 'database pool', stop: () => sequelize.close() });
  await migrate(sequelize);
  await seedDemo(sequelize, secrets.demoPassword, config.SIGNING_KEYS_SECRET);
  const worker = await runWorker(config, logger, sequelize);
  running.push({ name: 'worker', stop: worker.stop });
  const api = await startApi(config, logger, sequelize);
  running.push({ name: 'API', stop: api.stop });
  await ensureAuditSchedule(config);

  say('');
  say(`Mediazione Aperta is ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  say(`  App:               http://localhost:${appPort}`);
  if (temporal) {
    say(`  Temporal Web UI:   http://localhost:${uiPort}/temporal/  (payloads shown encrypted)`);
    say(`                     http://localhost:${appPort}/temporal/  (operators logged in to the app: payloads decrypted)`);
  } else say(`  Temporal:          external at ${config.TEMPORAL_ADDRESS}`);
  say(`  Health:            http://localhost:${appPort}/api/health`);
  if (config.MAIL_SINK_DIR) say(`  Outgoing mail:     kept in ${config.MAIL_SINK_DIR}, listed to operators at /api/dev/mails`);
  say(`  Demo logins (password ${secrets.demoPassword}):`);
  for (const u of demoUsers) say(`    ${u.email.padEnd(34)} ${u.roles.map(([b, r]) => `${r}@${b}`).join(', ')}${u.operator ? ' + operator' : ''}`);
  say('Press Ctrl-C to stop.');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    say('\nStopping: draining the worker…');
    await stopAll();
    say('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch(async (err: unknown) => {
  if (err instanceof ConfigError) process.stderr.write(`${err.message}\n`);
  else process.stderr.write(`npm start failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  await stopAll();
  process.exit(1);
});
