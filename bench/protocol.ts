/**
 * Protocol registrations per second. Usage: `npm run bench:protocol -- [entries=2000] [clients=20]`.
 *
 * Starts its own Temporal dev server and PostgreSQL (bench/infra.ts) and the real API (createApp) on
 * a loopback port, then, in the same run and with the same number of concurrent clients and the
 * same database pool size:
 *  (a) API: POST /protocol/entries over HTTP (auth, validation, idempotency key, gapless counter
 *      upsert, entry insert, audit row in one transaction) into ONE register — the worst case, every
 *      registration queues on the same counter row;
 *  (b) baseline: bare single-row INSERTs (autocommit) into a table with the same columns, no counter.
 * Prints both rates and the ratio baseline/API. Stops everything; exits 0.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { QueryTypes } from 'sequelize';
import { createApp } from '../api/app';
import { connectTemporal } from '../api/temporal-client';
import { parseConfig } from '../config';
import { createTenant, TEST_PASSWORD } from '../test/helpers/fixtures';
import { startInfra } from './infra';

const ENTRIES = Number(process.argv[2] ?? 2000);
const CLIENTS = Number(process.argv[3] ?? 20);
/** bench/infra.ts's pool: both paths share it. */
const POOL = 5;

async function runClients(total: number, clients: number, one: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    for (let i = next++; i < total; i = next++) await one(i);
  }));
  return (total / (performance.now() - t0)) * 1000;
}

async function main() {
  const infra = await startInfra();
  const stops: (() => Promise<void>)[] = [() => infra.stop()];
  try {
    const config = parseConfig({
      ...process.env,
      DATABASE_URL: infra.databaseUrl,
      TEMPORAL_ADDRESS: infra.temporalAddress,
      JWT_ACCESS_SECRET: infra.secrets.jwtAccessSecret,
      LINK_SIGNING_SECRET: infra.secrets.linkSigningSecret,
      TEMPORAL_PAYLOAD_KEYS: infra.secrets.payloadKeys,
      SIGNING_KEYS_SECRET: infra.secrets.signingKeysSecret,
      WEB_DIST_DIR: '',
      LOG_LEVEL: 'silent',
    });
    const { sequelize } = infra;
    const temporal = await connectTemporal(config);
    stops.push(() => temporal.close());
    const app = createApp({ config, sequelize, temporal, logger: pino({ level: 'silent' }) });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    stops.push(() => new Promise((r) => server.close(() => r())));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const tenant = await createTenant(sequelize, ['protocol_manager', 'protocol_officer']);
    const token = async (role: string) => {
      const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: tenant.users[role]!.email, password: TEST_PASSWORD }) });
      return ((await res.json()) as { accessToken: string }).accessToken;
    };
    const manager = await token('protocol_manager');
    const officer = await token('protocol_officer');
    const reg = await fetch(`${base}/api/bodies/${tenant.bodyId}/protocol/registers`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${manager}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: 'BENCH', name: 'Registro di prova', administrationCode: 'bench', aooCode: 'A000001' }),
    });
    const registerId = ((await reg.json()) as { id: string }).id;
    const entry = (i: number) => ({
      registerId, direction: 'incoming', channel: 'pec', subject: `Comunicazione ${i}`, classificationCode: 'IV',
      correspondents: [{ kind: 'person', firstName: 'Mario', lastName: 'Rossi', pec: 'mario.rossi@pec.example.it' }],
    });

    await sequelize.query(`CREATE TABLE bench_bare (id uuid PRIMARY KEY, body_id uuid NOT NULL, year integer NOT NULL, number integer NOT NULL,
      registered_at timestamptz NOT NULL, direction text NOT NULL, subject text NOT NULL, classification_code text NOT NULL, correspondents jsonb NOT NULL)`);
    stops.push(async () => void (await sequelize.query('DROP TABLE IF EXISTS bench_bare')));

    const api = async (i: number) => {
      const res = await fetch(`${base}/api/bodies/${tenant.bodyId}/protocol/entries`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${officer}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
        body: JSON.stringify(entry(i)),
      });
      if (res.status !== 201) throw new Error(`registration failed: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    };
    const bare = async (i: number) => {
      const e = entry(i);
      await sequelize.query(
        `INSERT INTO bench_bare (id, body_id, year, number, registered_at, direction, subject, classification_code, correspondents)
         VALUES (:id, :bodyId, 2026, :n, now(), :direction, :subject, :classificationCode, :correspondents)`,
        { replacements: { id: randomUUID(), bodyId: tenant.bodyId, n: i + 1, direction: e.direction, subject: e.subject, classificationCode: e.classificationCode, correspondents: JSON.stringify(e.correspondents) } },
      );
    };

    // Warm-up both paths (connections, JIT), then measure alternately twice and keep the better run of each.
    await runClients(100, CLIENTS, api);
    await runClients(100, CLIENTS, (i) => bare(100_000 + i));
    const apiRates: number[] = [];
    const bareRates: number[] = [];
    for (let round = 0; round < 2; round++) {
      bareRates.push(await runClients(ENTRIES, CLIENTS, (i) => bare(round * 1_000_000 + 200_000 + i)));
      apiRates.push(await runClients(ENTRIES, CLIENTS, api));
    }
    const [check] = await sequelize.query<{ n: number; max: number }>(
      'SELECT count(*)::int AS n, max(number) AS max FROM protocol_entries WHERE register_id = :registerId',
      { type: QueryTypes.SELECT, replacements: { registerId } },
    );
    const apiRate = Math.max(...apiRates);
    const bareRate = Math.max(...bareRates);
    console.log(`\nprotocol registrations, ${ENTRIES} per run, ${CLIENTS} concurrent clients, pool ${POOL}, one register`);
    console.log(`  API (HTTP → validation → counter upsert + entry + audit, one transaction): ${apiRate.toFixed(0)} registrations/s  (runs: ${apiRates.map((r) => r.toFixed(0)).join(', ')})`);
    console.log(`  bare single-row INSERT (autocommit, no counter):                           ${bareRate.toFixed(0)} rows/s  (runs: ${bareRates.map((r) => r.toFixed(0)).join(', ')})`);
    console.log(`  ratio bare/API: ${(bareRate / apiRate).toFixed(2)}×`);
    console.log(`  register check: ${check!.n} entries, highest number ${check!.max} (gapless: ${check!.n === check!.max})`);
  } finally {
    for (const stop of stops.reverse()) await stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
