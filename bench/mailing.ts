/**
 * Mass-mailing throughput. Usage: `npm run bench:mailing -- [messages=10000]`.
 *
 * Starts its own Temporal dev server and PostgreSQL (bench/infra.ts) and an SMTP server in a separate
 * process (bench/smtp-count-sink.ts). Then, in the same run and against the same server:
 * 1. bare: a pooled nodemailer transport sends N messages (the same rendered newsletter, one
 *    recipient each) as fast as it can — the ceiling of what SMTP to this server allows;
 * 2. product: a body with N contacts, a mailing created through the API (createApp), run by the
 *    `mailing` workflow and its batch child workflows on a worker in this process, with the outbox
 *    written before and after every send, until the workflow has recorded the mailing completed.
 * Prints both rates, the ratio product/bare (target ≥ 0.5) and the count at the server, which must
 * be N distinct (Message-ID, recipient) pairs in N transactions. Stops everything; exits 0.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { NativeConnection, Runtime, DefaultLogger } from '@temporalio/worker';
import nodemailer from 'nodemailer';
import pino from 'pino';
import { QueryTypes } from 'sequelize';
import request from 'supertest';
import { createWorker } from '../activities/worker';
import { compileEmail } from '../activities/notify/render-email';
import { createApp } from '../api/app';
import { connectTemporal } from '../api/temporal-client';
import { parseConfig } from '../config';
import { addContacts } from '../test/helpers/contacts';
import { createTenant, TEST_PASSWORD } from '../test/helpers/fixtures';
import { login } from '../test/helpers/stack';
import { startInfra } from './infra';

const N = Number(process.argv[2] ?? 10_000);
const POOL = Number(process.env.SMTP_POOL_MAX_CONNECTIONS ?? 5);

function startSink(): Promise<{ child: ChildProcess; port: number; ask<T>(cmd: string): Promise<T> }> {
  const child = fork(join(__dirname, 'smtp-count-sink.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve) => {
    child.once('message', (m: { port: number }) =>
      resolve({
        child,
        port: m.port,
        ask: <T>(cmd: string) =>
          new Promise<T>((r) => {
            child.once('message', (x) => r(x as T));
            child.send({ cmd });
          }),
      }),
    );
  });
}

async function main() {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const infra = await startInfra();
  const sink = await startSink();
  const smtpUrl = `smtp://127.0.0.1:${sink.port}`;
  try {
    // 1. bare pooled nodemailer loop
    const compiled = await compileEmail('newsletter', 'it', { title: 'Newsletter', message: 'Novità della mediazione.', bodyName: 'Organismo', signature: 'La segreteria' }, ['recipientName', 'unsubscribeUrl']);
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: sink.port, ignoreTLS: true, pool: true, maxConnections: POOL, maxMessages: Infinity });
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: N }, (_, i) => {
        const m = compiled.render({ recipientName: `Contatto ${i}`, unsubscribeUrl: `http://localhost/u?t=${i}` });
        return transport.sendMail({ from: 'segreteria@odm.example.it', to: `bare${i}@example.it`, subject: m.subject, html: m.html, text: m.text, messageId: `<bare-${i}@bench>` });
      }),
    );
    const bareMs = performance.now() - t0;
    transport.close();
    const bare = await sink.ask<{ distinct: number; transactions: number }>('count');
    await sink.ask('reset');

    // 2. the product: API → mailing workflow → batch child workflows → outbox + SMTP
    const config = parseConfig({
      ...process.env,
      DATABASE_URL: infra.databaseUrl,
      TEMPORAL_ADDRESS: infra.temporalAddress,
      TEMPORAL_TASK_QUEUE: `bench-${randomUUID()}`,
      JWT_ACCESS_SECRET: infra.secrets.jwtAccessSecret,
      LINK_SIGNING_SECRET: infra.secrets.linkSigningSecret,
      TEMPORAL_PAYLOAD_KEYS: infra.secrets.payloadKeys,
      SMTP_URL: smtpUrl,
      WEB_DIST_DIR: '',
      LOG_LEVEL: 'silent',
      DATABASE_POOL_MAX: '10',
      SMTP_POOL_MAX_CONNECTIONS: String(POOL),
      MAILING_BATCH_SIZE: process.env.MAILING_BATCH_SIZE ?? '1000',
      MAILING_CHUNK_SIZE: process.env.MAILING_CHUNK_SIZE ?? '250',
      MAILING_PARALLEL_BATCHES: process.env.MAILING_PARALLEL_BATCHES ?? '4',
    });
    const tenant = await createTenant(infra.sequelize, ['secretariat']);
    await addContacts(infra.sequelize, tenant.bodyId, N, 'bench');
    const temporal = await connectTemporal(config);
    const app = createApp({ config, sequelize: infra.sequelize, temporal, logger: pino({ level: 'silent' }) });
    const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
    const worker = await createWorker({ config, sequelize: infra.sequelize, connection });
    const running = worker.run();
    const { token } = await login(app, tenant.users.secretariat!.email, TEST_PASSWORD);

    const t1 = performance.now();
    const res = await request(app)
      .post(`/api/bodies/${tenant.bodyId}/mailings`)
      .set('Authorization', `Bearer ${token}`)
      .set('Idempotency-Key', randomUUID())
      .send({ kind: 'newsletter', channel: 'email', subject: 'Newsletter', message: 'Novità della mediazione.', audience: { kind: 'contacts' } });
    if (res.status !== 201) throw new Error(`mailing not created: ${res.status} ${JSON.stringify(res.body)}`);
    const handle = temporal.client.workflow.getHandle(res.body.workflowId as string);
    const result = (await handle.result()) as { state: string; progress: { sent: number } };
    const productMs = performance.now() - t1;
    const product = await sink.ask<{ distinct: number; transactions: number }>('count');
    const outbox = await infra.sequelize.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox WHERE mailing_id = :id AND status = 'sent'", {
      type: QueryTypes.SELECT,
      replacements: { id: res.body.id },
      plain: true,
    });

    worker.shutdown();
    await running;
    await connection.close();
    await temporal.close();

    const bareRate = (N / bareMs) * 1000;
    const productRate = (N / productMs) * 1000;
    console.log('');
    console.log(`messages: ${N}; SMTP pool: ${POOL} connections; batches of ${config.MAILING_BATCH_SIZE}, chunks of ${config.MAILING_CHUNK_SIZE}, ${config.MAILING_PARALLEL_BATCHES} batches at once`);
    console.log(`bare nodemailer loop : ${bareRate.toFixed(0)} msg/s (${(bareMs / 1000).toFixed(1)} s; at the server: ${bare.distinct} distinct in ${bare.transactions} transactions)`);
    console.log(`product (workflow)   : ${productRate.toFixed(0)} msg/s (${(productMs / 1000).toFixed(1)} s; at the server: ${product.distinct} distinct in ${product.transactions} transactions; outbox sent: ${outbox!.n}; state ${result.state})`);
    console.log(`ratio product/bare   : ${(productRate / bareRate).toFixed(2)} (target ≥ 0.5)`);
    if (product.distinct !== N || product.transactions !== N) console.log('WARNING: the server did not receive exactly one message per recipient');
  } finally {
    sink.child.kill();
    await infra.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
