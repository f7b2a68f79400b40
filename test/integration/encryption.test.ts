/**
 * Personal data never appears in plain text in what Temporal stores: a case filed through the real API
 * and withdrawn, and an activity failure whose message names a party, read back with a client that has
 * NO codec. Every byte array is searched both as base64 and as UTF-8 (JSON.stringify would show only
 * base64, where plain JSON hides), and controls prove the search finds the data once decoded.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Client, type WorkflowHandle } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { decodeArrayFromPayloads, decodeOptionalFailureToOptionalError } from '@temporalio/common/lib/internal-non-workflow';
import { filingSchema } from '../../domain/mediation/matters';
import { isValidTaxCode } from '../../domain/registry/tax-code';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING } from '../../temporal/payload-codec';
import { MEDIATION_WORKFLOW_TYPE, withdrawUpdate } from '../../workflows/mediation/contract';
import { createTenant, sampleFiling, TEST_PASSWORD, type Tenant } from '../helpers/fixtures';
import { login, startStack, type Stack } from '../helpers/stack';

const PERSON = {
  kind: 'person',
  firstName: 'Ermenegilda',
  lastName: 'Zappacosta',
  taxCode: 'ZPPRNG75C52H501L', // female, born 12/03/1975 in Rome; check letter computed
  email: 'ermenegilda.zappacosta@example.it',
  phone: '+39 347 765 4321',
};
/** What must never be readable; the phone as the workflow stores it (E.164, spaces dropped). */
const SECRETS = [PERSON.firstName, PERSON.lastName, PERSON.taxCode, PERSON.email, '3477654321'];

/** Every string in `value`; byte arrays as base64 AND UTF-8, base64-looking strings also decoded. */
function textsOf(value: unknown, out: string[] = [], seen = new Set<object>()): string[] {
  if (typeof value === 'string') {
    out.push(value);
    if (/^[A-Za-z0-9+/_-]{8,}={0,2}$/.test(value)) out.push(Buffer.from(value, 'base64').toString('utf8'));
  } else if (value instanceof Uint8Array) {
    out.push(Buffer.from(value).toString('base64'), Buffer.from(value).toString('utf8'));
  } else if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
    out.push(String(value));
  } else if (value instanceof Date) {
    out.push(value.toISOString());
  } else if (value !== null && typeof value === 'object' && !seen.has(value)) {
    seen.add(value);
    const entries = value instanceof Map || value instanceof Set ? [...value.entries()] : Object.entries(value);
    for (const [k, v] of entries) {
      textsOf(k, out, seen);
      textsOf(v, out, seen);
    }
  }
  return out;
}
/** The secrets found (case-insensitively) anywhere in `values`. */
const leaked = (...values: unknown[]): string[] => {
  const text = textsOf(values).join('\n').toLowerCase();
  return SECRETS.filter((s) => text.includes(s.toLowerCase()));
};

/** Payloads (objects with metadata.encoding) in `value`, with their path; search attributes skipped. */
function payloadsIn(value: unknown, path = '$', out: { path: string; payload: Payload }[] = []) {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return out;
  const meta = (value as Payload).metadata;
  if (meta && typeof meta === 'object' && 'encoding' in meta) out.push({ path, payload: value as Payload });
  else for (const [k, v] of Object.entries(value)) if (k !== 'searchAttributes') payloadsIn(v, `${path}.${k}`, out);
  return out;
}
const encodingOf = (p: Payload) => Buffer.from(p.metadata?.encoding ?? []).toString('utf8');

let stack: Stack;
let tenant: Tenant;
let token: string;
let plainClient: Client;
let codec: AesGcmPayloadCodec;

beforeAll(async () => {
  stack = await startStack();
  tenant = await createTenant(stack.sequelize, ['secretariat']);
  token = (await login(stack.app, tenant.users.secretariat!.email, TEST_PASSWORD)).token;
  // The default data converter: what anyone reading the Temporal server without our keys sees.
  plainClient = new Client({ connection: stack.temporal.client.connection, namespace: stack.config.TEMPORAL_NAMESPACE });
  codec = new AesGcmPayloadCodec(stack.config.TEMPORAL_PAYLOAD_KEYS);
});
afterAll(() => stack.stop());

async function fileCase() {
  const [applicant, invited] = sampleFiling().parties;
  const body = sampleFiling({ parties: [{ ...applicant, person: PERSON }, invited] });
  const res = await request(stack.app)
    .post(`/api/bodies/${tenant.bodyId}/cases`)
    .set('Authorization', `Bearer ${token}`)
    .set('Idempotency-Key', randomUUID())
    .send(body);
  expect(res.status).toBe(201);
  const workflowId = res.body.workflowId as string;
  return { body, workflowId, handle: stack.temporal.client.workflow.getHandle(workflowId) };
}

/** Everything the server shows about a run, read without the codec. */
async function serverView(workflowId: string) {
  const handle = plainClient.workflow.getHandle(workflowId);
  const [history, description] = await Promise.all([handle.fetchHistory(), handle.describe()]);
  const listed = [];
  for (let i = 0; i < 50 && listed.length === 0; i++) {
    for await (const wf of plainClient.workflow.list({ query: `WorkflowId = '${workflowId}'` })) listed.push(wf);
    if (listed.length === 0) await new Promise((r) => setTimeout(r, 200));
  }
  expect(listed).toHaveLength(1);
  return { history, description, listed, searchAttributes: description.typedSearchAttributes.getAll(), memo: description.memo };
}

describe('payload encryption against a real Temporal server', () => {
  it('uses a formally valid tax code, so the filing passes validation', () => {
    expect(isValidTaxCode(PERSON.taxCode)).toBe(true);
  });

  it('stores a filed and withdrawn case with every payload encrypted', async () => {
    const { body, workflowId, handle } = await fileCase();
    const reason = `Rinuncia di ${PERSON.firstName} ${PERSON.lastName} (${PERSON.taxCode})`;
    const state = await handle.executeUpdate(withdrawUpdate, { args: [{ by: tenant.users.secretariat!.id, reason }] });
    expect(state.stage).toBe('ARCHIVIATA');
    await handle.result();

    const view = await serverView(workflowId);
    expect(leaked(workflowId, view)).toEqual([]);

    const events = view.history.events ?? [];
    const payloads = payloadsIn(events);
    expect(payloads.length).toBeGreaterThanOrEqual(5); // input, 2 updates in and out, activities, result
    // The one exception is the SDK's own version marker (`patched()`): it holds the patch ID, which is
    // code, not data; the leak search above covers it too.
    const isPatchMarker = (path: string) => /\.markerRecordedEventAttributes\.details\.patch-data\./.test(path);
    expect(payloads.filter((p) => encodingOf(p.payload) !== ENCRYPTED_ENCODING && !isPatchMarker(p.path)).map((p) => p.path)).toEqual([]);

    // Controls: decoded with the keys, the same history holds the data, and the search finds it.
    const started = events[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
    expect(leaked(started)).toEqual([]);
    expect(leaked(await codec.decode(started))).toEqual(SECRETS);
    const [input] = await decodeArrayFromPayloads(stack.temporal.client.options.loadedDataConverter, started);
    expect(input).toEqual({ caseId: expect.any(String), bodyId: tenant.bodyId, filedBy: tenant.users.secretariat!.id, filedAt: expect.any(String), filing: filingSchema.parse(body) });
    const withdraw = events.map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input).find((i) => i?.name === 'withdraw');
    const updateArgs = withdraw?.args?.payloads ?? [];
    expect(leaked(updateArgs)).toEqual([]);
    expect(await decodeArrayFromPayloads(stack.temporal.client.options.loadedDataConverter, updateArgs)).toEqual([{ by: tenant.users.secretariat!.id, reason }]);
  });

  it('keeps encrypted the message of an activity failure that names a party', async () => {
    // Started past the API's validation, as a buggy caller could: a body id that is not a UUID (here
    // an e-mail) makes PostgreSQL fail with `invalid input syntax for type uuid: "<e-mail>"`.
    const [applicant, invited] = sampleFiling().parties;
    const workflowId = `mediation:encryption-test:${randomUUID()}`;
    const handle = await stack.temporal.client.workflow.start(MEDIATION_WORKFLOW_TYPE, {
      workflowId,
      taskQueue: stack.config.TEMPORAL_TASK_QUEUE,
      args: [{ caseId: randomUUID(), bodyId: PERSON.email, filedBy: tenant.users.secretariat!.id, filedAt: new Date().toISOString(), filing: sampleFiling({ parties: [{ ...applicant, person: PERSON }, invited] }) }],
    });
    try {
      const pending = await lastActivityFailure(handle);
      expect(pending.activityType?.name).toBe('registerCase');
      expect(pending.lastFailure?.message).toBe('Encoded failure');

      const view = await serverView(workflowId);
      expect(leaked(workflowId, view, view.description.raw.pendingActivities)).toEqual([]);

      // Control: decoded with the keys, the failure does carry the e-mail.
      const error = await decodeOptionalFailureToOptionalError(stack.temporal.client.options.loadedDataConverter, pending.lastFailure);
      expect(error?.message).toContain(PERSON.email);
      expect(leaked(error?.message)).toContain(PERSON.email);
    } finally {
      await handle.terminate('encryption test: end the blocked filing');
    }
  });
});

/** The retried activity's last failure, as the server keeps it (describe → pendingActivities). */
async function lastActivityFailure(handle: WorkflowHandle) {
  const plain = plainClient.workflow.getHandle(handle.workflowId);
  for (let i = 0; i < 100; i++) {
    const pending = (await plain.describe()).raw.pendingActivities?.[0];
    if (pending?.lastFailure) return pending;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the activity did not fail within 10 s');
}
