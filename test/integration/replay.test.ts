/**
 * Determinism guard: histories recorded from earlier versions of the workflows must replay on the
 * current code. A change that breaks one needs `patched()`. Record a new history after a release
 * with `RECORD_HISTORIES=1 npm test -- test/integration/replay.test.ts --selectProjects integration`.
 * The OCC workflow is kept as one history per run of a file (test/helpers/occ-history.ts), so the
 * continue-as-new boundaries and the input each run receives are covered too.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import request from 'supertest';
import { parseConfig } from '../../config';
import { createDataConverter } from '../../temporal/data-converter';
import {
  answerAdhesionUpdate,
  answerAppointmentUpdate,
  conveneUpdate,
  depositMinutesUpdate,
  designateMediatorUpdate,
  holdMeetingUpdate,
  recordOutcomeUpdate,
} from '../../workflows/mediation/contract';
import { romeDayAt } from '../helpers/mediation-flow';
import { addMediator, createTenant, sampleFiling, TEST_PASSWORD } from '../helpers/fixtures';
import { occHistoryFiles, recordOccHistories } from '../helpers/occ-history';
import { startSmtpSink } from '../helpers/smtp-sink';
import { login, startStack } from '../helpers/stack';

const dir = join(__dirname, '..', 'fixtures', 'histories');
/** Test-only key the recorded histories are encrypted with (never used outside test/fixtures). */
const FIXTURE_KEYS = readFileSync(join(dir, 'payload-key.txt'), 'utf8').trim();
const keys = parseConfig({ ...process.env, TEMPORAL_PAYLOAD_KEYS: FIXTURE_KEYS }).TEMPORAL_PAYLOAD_KEYS;

async function recordMediation(file: string) {
  const sink = await startSmtpSink();
  const stack = await startStack({ config: { TEMPORAL_PAYLOAD_KEYS: FIXTURE_KEYS, SMTP_URL: sink.url } });
  try {
    const tenant = await createTenant(stack.sequelize, ['secretariat']);
    const { token } = await login(stack.app, tenant.users.secretariat!.email, TEST_PASSWORD);
    const res = await request(stack.app)
      .post(`/api/bodies/${tenant.bodyId}/cases`)
      .set('Authorization', `Bearer ${token}`)
      .set('Idempotency-Key', randomUUID())
      .send(sampleFiling());
    const handle = stack.temporal.client.workflow.getHandle(res.body.workflowId);
    // v4: the whole lifecycle — designation, acceptance, convocation, adhesion, meeting, agreement, deposit.
    const by = tenant.users.secretariat!.id;
    const mediator = await addMediator(stack.sequelize, tenant.bodyId);
    await handle.executeUpdate(designateMediatorUpdate, { args: [{ by, criterion: 'rotation' }] });
    await handle.executeUpdate(answerAppointmentUpdate, {
      args: [{ by: mediator.id, accept: true, declaration: { text: 'Dichiaro di essere indipendente e imparziale.', version: '2026-01', accepted: true } }],
    });
    const convened = await handle.executeUpdate(conveneUpdate, { args: [{ by, firstMeeting: { startsAt: romeDayAt(25), durationMinutes: 120, mode: 'video' } }] });
    const lawyer = { firstName: 'Laura', lastName: 'Bianchi', taxCode: 'BNCLRA85M52F205I', pec: 'laura.bianchi@pec.example.it' };
    await handle.executeUpdate(answerAdhesionUpdate, { args: [{ position: 1, adhere: true, lawyer }] });
    await handle.executeUpdate(holdMeetingUpdate, { args: [{ by: mediator.id, meetingId: convened.meetings[0]!.id, attendance: [{ position: 0, present: true }, { position: 1, present: true }] }] });
    await handle.executeUpdate(recordOutcomeUpdate, { args: [{ by: mediator.id, kind: 'agreement', text: 'Accordo raggiunto.' }] });
    await handle.executeUpdate(depositMinutesUpdate, { args: [{ by }] });
    await handle.result();
    // The CLI's JSON export is the format operators use (`temporal workflow show --output json`).
    const json = execFileSync(process.env.TEMPORAL_CLI_PATH!, ['workflow', 'show', '--workflow-id', handle.workflowId, '--address', stack.config.TEMPORAL_ADDRESS, '--output', 'json'], { encoding: 'utf8' });
    writeFileSync(file, json);
  } finally {
    await stack.stop();
    await sink.close();
  }
}

const histories = () => readdirSync(dir).filter((f) => f.endsWith('.json'));

/** Bump when a workflow change is released, so a history of the new version is kept too. */
const CURRENT = 'mediation-v4-full-lifecycle-concluded.json';

it('has recorded histories to replay', async () => {
  const file = join(dir, CURRENT);
  if (process.env.RECORD_HISTORIES === '1' || !existsSync(file)) await recordMediation(file);
  expect(histories().length).toBeGreaterThan(0);
});

it('has recorded histories of the OCC workflow across continue-as-new (one file per run)', async () => {
  if (process.env.RECORD_HISTORIES === '1' || occHistoryFiles.some((f) => !existsSync(join(dir, f)))) await recordOccHistories(dir, FIXTURE_KEYS);
  for (const f of occHistoryFiles) {
    const events = JSON.parse(readFileSync(join(dir, f), 'utf8')).events as { eventType: string }[];
    expect([f, events.at(-1)!.eventType]).toEqual([f, expect.stringMatching(/CONTINUED_AS_NEW|ContinuedAsNew/)]);
  }
});

it('replays every recorded history on the current workflow code', async () => {
  for (const f of histories()) {
    const history = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    await expect(
      Worker.runReplayHistory({ workflowsPath: require.resolve('../../workflows'), dataConverter: createDataConverter(keys) }, history, f),
    ).resolves.toBeUndefined();
  }
});
