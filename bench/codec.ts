/**
 * Cost of payload encryption. Usage: `npx tsx bench/codec.ts [iterations=40] [warm-ups=5]`.
 *
 * Starts its own Temporal dev server and PostgreSQL (bench/infra.ts) and two workers of the mediation
 * workflow on two task queues: one with the encrypting data converter (createDataConverter, as in
 * production), one with the SDK default. Alternating between them, it times (a) a procedure start —
 * startMediation through the gateway until the registration update returns — and (b) one withdraw
 * update round trip, then prints median and p90 per mode and the ratio encrypted/plain (target < 1.2×),
 * plus the raw AES-GCM codec cost of one realistic MediationInput payload. Stops everything; exits 0.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client, Connection } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createActivities, createWorker } from '../activities/worker';
import { caseIdFor, createTemporalGateway, type TemporalGateway } from '../api/temporal-client';
import { parseConfig } from '../config';
import { filingSchema } from '../domain/mediation/matters';
import { createDataConverter } from '../temporal/data-converter';
import { AesGcmPayloadCodec } from '../temporal/payload-codec';
import { withdrawUpdate, type MediationInput } from '../workflows/mediation/contract';
import { createTenant, sampleFiling } from '../test/helpers/fixtures';
import { startInfra } from './infra';

const ITERATIONS = Number(process.argv[2] ?? 40);
const WARMUPS = Number(process.argv[3] ?? 5);
type Mode = 'plain' | 'encrypted';
const MODES: readonly Mode[] = ['plain', 'encrypted'];

function quantile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await fn();
  return [value, performance.now() - t0];
}

/** Encode + decode of one payload, in µs per payload (mean over many rounds after a warm-up). */
async function codecCost(input: MediationInput, codec: AesGcmPayloadCodec) {
  const payload = defaultPayloadConverter.toPayload(input);
  const [encrypted] = await codec.encode([payload]);
  const round = async () => codec.decode(await codec.encode([payload]));
  for (let i = 0; i < 2_000; i++) await round();
  const n = 20_000;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await round();
  return { micros: ((performance.now() - t0) * 1000) / n, plainBytes: payload.data?.length ?? 0, encryptedBytes: encrypted?.data?.length ?? 0 };
}

async function main() {
  Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
  const infra = await startInfra();
  const stops: (() => Promise<void>)[] = [() => infra.stop()];
  try {
    const config = parseConfig({
      ...process.env,
      DATABASE_URL: infra.databaseUrl,
      TEMPORAL_ADDRESS: infra.temporalAddress,
      JWT_ACCESS_SECRET: infra.secrets.jwtAccessSecret,
      LINK_SIGNING_SECRET: infra.secrets.linkSigningSecret,
      SIGNING_KEYS_SECRET: infra.secrets.signingKeysSecret,
      TEMPORAL_PAYLOAD_KEYS: infra.secrets.payloadKeys,
      TEMPORAL_TASK_QUEUE: 'bench-encrypted',
      WORKFLOW_BUNDLE_PATH: '',
    });
    const { sequelize } = infra;
    const native = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
    stops.push(() => native.close());
    const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
    stops.push(() => connection.close());

    const workers = [
      await createWorker({ config, sequelize, connection: native }),
      await Worker.create({
        connection: native,
        namespace: config.TEMPORAL_NAMESPACE,
        taskQueue: 'bench-plain',
        workflowsPath: require.resolve('../workflows'),
        activities: createActivities({ sequelize, config }),
      }),
    ];
    for (const worker of workers) {
      const running = worker.run();
      stops.push(async () => {
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await running;
      });
    }
    const namespace = config.TEMPORAL_NAMESPACE;
    const gateways: Record<Mode, TemporalGateway> = {
      plain: createTemporalGateway(new Client({ connection, namespace }), 'bench-plain'),
      encrypted: createTemporalGateway(new Client({ connection, namespace, dataConverter: createDataConverter(config.TEMPORAL_PAYLOAD_KEYS) }), 'bench-encrypted'),
    };

    const tenant = await createTenant(sequelize, ['secretariat']);
    const by = tenant.users.secretariat!.id;
    const filing = filingSchema.parse(sampleFiling());
    const newInput = (): MediationInput => ({ caseId: caseIdFor(tenant.bodyId, randomUUID()), bodyId: tenant.bodyId, filedBy: by, filedAt: new Date().toISOString(), filing });
    const samples: Record<Mode, { start: number[]; update: number[] }> = { plain: { start: [], update: [] }, encrypted: { start: [], update: [] } };

    for (let i = 0; i < WARMUPS + ITERATIONS; i++) {
      for (const mode of i % 2 === 0 ? MODES : [...MODES].reverse()) {
        const gateway = gateways[mode];
        const [filed, start] = await timed(() => gateway.startMediation(newInput()));
        if (!filed.registration) throw new Error(`${mode}: the case was not registered`);
        const handle = gateway.client.workflow.getHandle(filed.workflowId);
        const [state, update] = await timed(() => handle.executeUpdate(withdrawUpdate, { args: [{ by, reason: 'rinuncia' }] }));
        if (state.stage !== 'ARCHIVIATA') throw new Error(`${mode}: withdraw gave ${state.stage}`);
        await handle.result();
        if (i >= WARMUPS) {
          samples[mode].start.push(start);
          samples[mode].update.push(update);
        }
      }
    }

    const ms = (v: number) => v.toFixed(1).padStart(8);
    const ratio = (v: number) => `${v.toFixed(2)}×`.padStart(8);
    console.log(`\n${ITERATIONS} iterations per mode after ${WARMUPS} warm-ups, alternating; times in ms\n`);
    console.log(`${'operation'.padEnd(24)}${'plain'.padStart(16)}${'encrypted'.padStart(18)}${'encrypted/plain'.padStart(18)}`);
    console.log(`${''.padEnd(24)}${'median'.padStart(8)}${'p90'.padStart(8)}${'median'.padStart(10)}${'p90'.padStart(8)}${'median'.padStart(10)}${'p90'.padStart(8)}`);
    for (const [label, key] of [['start + registration', 'start'], ['withdraw update', 'update']] as const) {
      const [pm, p9, em, e9] = [quantile(samples.plain[key], 0.5), quantile(samples.plain[key], 0.9), quantile(samples.encrypted[key], 0.5), quantile(samples.encrypted[key], 0.9)];
      console.log(`${label.padEnd(24)}${ms(pm)}${ms(p9)}  ${ms(em)}${ms(e9)}  ${ratio(em / pm)}${ratio(e9 / p9)}${em / pm < 1.2 ? '' : '   median over the 1.2× target'}`);
    }

    const cost = await codecCost(newInput(), new AesGcmPayloadCodec(config.TEMPORAL_PAYLOAD_KEYS));
    console.log(`\ncodec: encode + decode of one MediationInput payload (${cost.plainBytes} B → ${cost.encryptedBytes} B): ${cost.micros.toFixed(1)} µs\n`);
  } finally {
    for (const stop of stops.reverse()) await stop();
  }
}

main().then(
  () => (process.exitCode = 0),
  (err: unknown) => {
    console.error(`bench failed: ${err instanceof Error ? err.stack : String(err)}`);
    process.exitCode = 1;
  },
);
