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
  designateMediatorUpdate,
  holdMeetingUpdate,
  recordOutcomeUpdate,
  stateQuery,
} from '../../workflows/mediation/contract';
import { ensureBodySigningKeys } from '../../db/repositories/signing-credentials';
import { startDovecot } from '../helpers/dovecot';
import { romeDayAt, waitFor } from '../helpers/mediation-flow';
import { signOneShot } from '../helpers/minutes-signing';
import { createSigner, startPecProvider } from '../helpers/pec-provider';
import { addMediator, createTenant, sampleFiling, TEST_PASSWORD } from '../helpers/fixtures';
import { occHistoryFiles, recordOccHistories } from '../helpers/occ-history';
import { startSmtpSink } from '../helpers/smtp-sink';
import { login, startStack } from '../helpers/stack';

const dir = join(__dirname, '..', 'fixtures', 'histories');
/** Test-only key the recorded histories are encrypted with (never used outside test/fixtures). */
const FIXTURE_KEYS = readFileSync(join(dir, 'payload-key.txt'), 'utf8').trim();
const keys = parseConfig({ ...process.env, TEMPORAL_PAYLOAD_KEYS: FIXTURE_KEYS }).TEMPORAL_PAYLOAD_KEYS;

/**
 * v5: the whole lifecycle with the convocation by PEC (a `notification` child followed to its
 * delivery receipt, read from a real Dovecot mailbox) and the minutes signed through a
 * `signatureCycle` child (parties and lawyers one-shot, the mediator last), deposited automatically.
 * (v4 was the same lifecycle with the convocation by e-mail and the deposit by hand.)
 */
async function recordMediation(file: string) {
  const sink = await startSmtpSink();
  const dovecot = await startDovecot({ users: [{ user: 'odm', password: 'segreta-pec' }] });
  const pecSigner = createSigner();
  const provider = await startPecProvider({ imap: dovecot, user: 'odm', password: 'segreta-pec', signer: pecSigner });
  const stack = await startStack({ config: { TEMPORAL_PAYLOAD_KEYS: FIXTURE_KEYS, SMTP_URL: sink.url, PEC_POLL_INTERVAL_SECONDS: '1' } });
  try {
    const tenant = await createTenant(stack.sequelize, ['secretariat', 'admin']);
    await ensureBodySigningKeys(stack.sequelize, tenant.bodyId, stack.config.SIGNING_KEYS_SECRET);
    const admin = (await login(stack.app, tenant.users.admin!.email, TEST_PASSWORD)).token;
    const pec = { address: 'odm@pec.example.it', smtpUrl: provider.url, imapUrl: `imap://${dovecot.host}:${dovecot.port}`, username: 'odm', password: 'segreta-pec' };
    await request(stack.app).put(`/api/bodies/${tenant.bodyId}/communication-settings`).set('Authorization', `Bearer ${admin}`).send({ senderName: 'Organismo di prova', secretariatEmail: 'segreteria@odm.example.it', pec });
    provider.outcome.set('alfa@pec.example.it', 'delivered');
    const { token } = await login(stack.app, tenant.users.secretariat!.email, TEST_PASSWORD);
    const res = await request(stack.app)
      .post(`/api/bodies/${tenant.bodyId}/cases`)
      .set('Authorization', `Bearer ${token}`)
      .set('Idempotency-Key', randomUUID())
      .send(sampleFiling());
    const handle = stack.temporal.client.workflow.getHandle(res.body.workflowId);
    const by = tenant.users.secretariat!.id;
    const mediator = await addMediator(stack.sequelize, tenant.bodyId);
    await stack.sequelize.query('UPDATE users SET tax_code = :tc WHERE id = :id', { replacements: { tc: 'VRDGPP70C10F205B', id: mediator.id } });
    await handle.executeUpdate(designateMediatorUpdate, { args: [{ by, criterion: 'rotation' }] });
    await handle.executeUpdate(answerAppointmentUpdate, {
      args: [{ by: mediator.id, accept: true, declaration: { text: 'Dichiaro di essere indipendente e imparziale.', version: '2026-01', accepted: true } }],
    });
    const convened = await handle.executeUpdate(conveneUpdate, { args: [{ by, firstMeeting: { startsAt: romeDayAt(25), durationMinutes: 120, mode: 'video' } }] });
    await waitFor(() => handle.query(stateQuery), (s) => s.invited[0]?.delivery?.status === 'delivered', 45_000);
    const lawyer = { firstName: 'Laura', lastName: 'Ferri', taxCode: 'FRRLCU90E50L219S', pec: 'laura.ferri@pec.example.it' };
    await handle.executeUpdate(answerAdhesionUpdate, { args: [{ position: 1, adhere: true, lawyer }] });
    await handle.executeUpdate(holdMeetingUpdate, { args: [{ by: mediator.id, meetingId: convened.meetings[0]!.id, attendance: [{ position: 0, present: true }, { position: 1, present: true }] }] });
    const outcome = await handle.executeUpdate(recordOutcomeUpdate, { args: [{ by: mediator.id, kind: 'agreement', text: 'Accordo raggiunto.' }] });
    const title = `Verbale della mediazione n. ${outcome.caseNumber}`;
    for (const address of ['mario.rossi@example.it', 'anna.bruno@pec.example.it', lawyer.pec, mediator.email]) await signOneShot(stack.app, sink, address, title);
    const final = await handle.result();
    if (final.stage !== 'CONCLUSA' || final.minutesSignature?.status !== 'completed') throw new Error(`v5 recording ended at ${final.stage}`);
    // The CLI's JSON export is the format operators use (`temporal workflow show --output json`).
    const json = execFileSync(process.env.TEMPORAL_CLI_PATH!, ['workflow', 'show', '--workflow-id', handle.workflowId, '--address', stack.config.TEMPORAL_ADDRESS, '--output', 'json'], { encoding: 'utf8' });
    writeFileSync(file, json);
  } finally {
    await stack.stop();
    await provider.close();
    await dovecot.stop();
    pecSigner.close();
    await sink.close();
  }
}

const histories = () => readdirSync(dir).filter((f) => f.endsWith('.json'));

/** Bump when a workflow change is released, so a history of the new version is kept too. */
const CURRENT = 'mediation-v5-pec-convocation-signed-minutes.json';

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
