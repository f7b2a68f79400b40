/**
 * Key rotation with running workflows: cases started under key A continue on a worker with "B,A"
 * (B encrypts, A still decrypts) and whatever is written from then on carries key id B; a worker
 * with "B" alone cannot read them, and then fails the workflow task (one WorkflowTaskFailed naming
 * the key, the run stays Running) without crashing, while a client with "B" gets a clear error;
 * once A is listed again the run resumes.
 */
import { randomBytes } from 'node:crypto';
import { Client } from '@temporalio/client';
import { decodeArrayFromPayloads, decodeOptionalFailureToOptionalError } from '@temporalio/common/lib/internal-non-workflow';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { temporal } from '@temporalio/proto';
import { createWorker } from '../../activities/worker';
import { caseIdFor, type FiledCase } from '../../api/temporal-client';
import { filingSchema } from '../../domain/mediation/matters';
import { createDataConverter } from '../../temporal/data-converter';
import { KEY_ID_METADATA, UNKNOWN_KEY_ERROR_TYPE } from '../../temporal/payload-codec';
import { withdrawUpdate } from '../../workflows/mediation/contract';
import { createTenant, sampleFiling, type Tenant } from '../helpers/fixtures';
import { startStack, type Stack } from '../helpers/stack';
import { testConfig } from '../helpers/test-config';

const A = `ka:${randomBytes(32).toString('base64')}`;
const B = `kb:${randomBytes(32).toString('base64')}`;
type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

let stack: Stack; // its gateway and config: key A only, on a task queue of this suite
let tenant: Tenant;
let connection: NativeConnection;
let rotated: FiledCase; // continues under "B,A"
let stranded: FiledCase; // meets a worker with "B" only

/** The suite's config with another keyring (same task queue, database, server). */
const configWith = (keys: string) => testConfig({ TEMPORAL_PAYLOAD_KEYS: keys, TEMPORAL_TASK_QUEUE: stack.config.TEMPORAL_TASK_QUEUE, SMTP_URL: stack.config.SMTP_URL });
const clientWith = (keys: string) =>
  new Client({ connection: stack.temporal.client.connection, namespace: stack.config.TEMPORAL_NAMESPACE, dataConverter: createDataConverter(configWith(keys).TEMPORAL_PAYLOAD_KEYS) });

async function startWorker(keys: string) {
  const worker: Worker = await createWorker({ config: configWith(keys), sequelize: stack.sequelize, connection });
  let settled = false;
  const running = worker.run().finally(() => (settled = true));
  return {
    worker,
    isSettled: () => settled,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const keyIdsIn = (value: unknown, out = new Set<string>()): Set<string> => {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return out;
  const keyId = (value as { metadata?: Record<string, Uint8Array> }).metadata?.[KEY_ID_METADATA];
  if (keyId) out.add(Buffer.from(keyId).toString('utf8'));
  else for (const v of Object.values(value)) keyIdsIn(v, out);
  return out;
};

beforeAll(async () => {
  stack = await startStack({ worker: false, config: { TEMPORAL_PAYLOAD_KEYS: A } });
  tenant = await createTenant(stack.sequelize, ['secretariat']);
  connection = await NativeConnection.connect({ address: stack.config.TEMPORAL_ADDRESS });
  const workerA = await startWorker(A);
  try {
    const file = () =>
      stack.temporal.startMediation({
        caseId: caseIdFor(tenant.bodyId, randomBytes(8).toString('hex')),
        bodyId: tenant.bodyId,
        filedBy: tenant.users.secretariat!.id,
        filedAt: new Date().toISOString(),
        filing: filingSchema.parse(sampleFiling()),
      });
    [rotated, stranded] = await Promise.all([file(), file()]);
    expect(rotated.registration).not.toBeNull();
    expect(stranded.registration).not.toBeNull();
    // Let worker A finish the registration e-mails: an activity cut off by its shutdown would only
    // be retried after its start-to-close timeout, which has nothing to do with keys.
    for (let i = 0; i < 100; i++) {
      const [rows] = await stack.sequelize.query("SELECT count(*)::int AS n FROM outbox WHERE case_id IN (:ids) AND status = 'sent'", {
        replacements: { ids: [rotated.caseId, stranded.caseId] },
      });
      if ((rows as { n: number }[])[0]!.n === 2) break;
      await sleep(100);
    }
  } finally {
    await workerA.stop();
  }
});
afterAll(async () => {
  await connection?.close();
  await stack?.stop();
});

it('continues under "B,A": the workflow completes and everything written from then on carries key B', async () => {
  const worker = await startWorker(`${B},${A}`);
  try {
    const handle = clientWith(`${B},${A}`).workflow.getHandle(rotated.workflowId);
    const state = await handle.executeUpdate(withdrawUpdate, { args: [{ by: tenant.users.secretariat!.id, reason: 'rinuncia' }] });
    expect(state.stage).toBe('ARCHIVIATA');
    expect(await handle.result()).toMatchObject({ stage: 'ARCHIVIATA', caseNumber: rotated.registration!.caseNumber, allowedActions: [] });

    const events = (await handle.fetchHistory()).events ?? [];
    const accepted = events.findIndex((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'withdraw');
    expect(accepted).toBeGreaterThan(0);
    expect(keyIdsIn(events.slice(0, accepted))).toEqual(new Set(['ka']));
    expect(keyIdsIn(events.slice(accepted))).toEqual(new Set(['kb']));
    expect(keyIdsIn(events.filter((e) => e.workflowExecutionCompletedEventAttributes))).toEqual(new Set(['kb']));
  } finally {
    await worker.stop();
  }
});

it('with "B" only: fails the workflow task naming key A, stays Running, the worker keeps running; resumes with "B,A"', async () => {
  const running = await startWorker(B);
  const clientB = clientWith(B);
  const handle = clientB.workflow.getHandle(stranded.workflowId);
  try {
    await handle.signal('nudge'); // any new event makes the server hand the history to a worker

    let failed: HistoryEvent | undefined;
    for (let i = 0; i < 100 && !failed; i++) {
      failed = (await handle.fetchHistory()).events?.find((e) => e.workflowTaskFailedEventAttributes);
      if (!failed) await sleep(100);
    }
    const failure = failed?.workflowTaskFailedEventAttributes?.failure;
    expect(failure?.message).toBe('Encoded failure'); // message and stack are in an encrypted payload
    expect(keyIdsIn(failure)).toEqual(new Set(['kb']));
    const error = await decodeOptionalFailureToOptionalError(clientB.options.loadedDataConverter, failure);
    expect(error?.message).toMatch(/key id "ka" is not in TEMPORAL_PAYLOAD_KEYS/);
    expect(error).toMatchObject({ type: UNKNOWN_KEY_ERROR_TYPE });

    // The server retries the task (no new history events); the worker answers again and stays up.
    let attempt = 0;
    for (let i = 0; i < 50 && attempt < 2; i++) {
      attempt = (await handle.describe()).raw.pendingWorkflowTask?.attempt ?? 0;
      if (attempt < 2) await sleep(200);
    }
    expect(attempt).toBeGreaterThanOrEqual(2);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    expect((await handle.fetchHistory()).events?.filter((e) => e.workflowTaskFailedEventAttributes)).toHaveLength(1);
    expect(running.worker.getState()).toBe('RUNNING');
    expect(running.isSettled()).toBe(false);

    // A client with "B" only cannot read the input, and says which key is missing.
    const started = (await handle.fetchHistory()).events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads;
    await expect(decodeArrayFromPayloads(clientB.options.loadedDataConverter, started)).rejects.toMatchObject({
      type: UNKNOWN_KEY_ERROR_TYPE,
      message: expect.stringMatching(/key id "ka" cannot be decrypted.*listed: kb/),
    });

    // Listed again, A lets the run resume; the server's retry backoff makes this take seconds (~9 s).
    await running.stop();
    const again = await startWorker(`${B},${A}`);
    try {
      const state = await clientWith(`${B},${A}`).workflow.getHandle(stranded.workflowId).executeUpdate(withdrawUpdate, { args: [{ by: tenant.users.secretariat!.id, reason: 'rinuncia' }] });
      expect(state.stage).toBe('ARCHIVIATA');
    } finally {
      await again.stop();
    }
  } finally {
    if ((await handle.describe()).status.name === 'RUNNING') await handle.terminate('key-rotation test: end the stranded run');
    await running.stop();
  }
});
