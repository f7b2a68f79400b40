/**
 * The signature cycle on the real dev server: art. 8-bis minutes signed by three signers (one with
 * an own device, two one-shot with codes by e-mail and SMS), the independent tools' verdict on the
 * result, every rejected action, cancel, refusal, expiry with reminders, and a CAdES cycle.
 */
import { randomUUID } from 'node:crypto';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import { createActivities } from '../../activities/worker';
import { createSigningActivities } from '../../activities/signing';
import type { SmsMessage } from '../../activities/signing/one-time-codes';
import { createFileStore } from '../../db/file-store';
import { createDocumentRepository, type DocumentRepository } from '../../db/repositories/documents';
import { addTrustAnchor, ensureBodySigningKeys } from '../../db/repositories/signing-credentials';
import { minutesSteps } from '../../domain/signature/cycle';
import { createBodyCa, issueSignerCredential, type Credential } from '../../signing/body-pki';
import { toPem } from '../../signing/certificates';
import { readSignerToken } from '../../signing/links';
import { signPdf } from '../../signing/pdf/sign-pdf';
import { createDataConverter } from '../../temporal/data-converter';
import {
  SIGNATURE_WORKFLOW_TYPE,
  cancelCycleUpdate,
  cycleStateQuery,
  oneShotSignUpdate,
  refuseUpdate,
  requestCodeUpdate,
  resendInvitationUpdate,
  signatureWorkflowId,
  uploadSignedUpdate,
  type CycleSigner,
  type SignatureCycleInput,
  type SignatureCycleState,
} from '../../workflows/signature/contract';
import { createTenant, type Tenant } from '../helpers/fixtures';
import { hasTool, opensslCmsVerify, pdfsig, samplePdf } from '../helpers/signing-tools';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
let worker: Worker;
let running: Promise<void>;
let connection: NativeConnection;
let client: Client;
let documents: DocumentRepository;
let tenant: Tenant;
let qualifiedCa: Credential;
const smsSent: SmsMessage[] = [];

const signers: CycleSigner[] = [
  { id: 'rossi', givenName: 'Mario', surname: 'Rossi', taxCode: 'RSSMRA80A01H501U', email: 'mario.rossi@example.it', role: 'party', box: { page: 1, x: 40, y: 60, width: 165, height: 60 } },
  { id: 'bruno', givenName: 'Anna', surname: 'Bruno', taxCode: 'BRNNNA85M52F205I', email: 'anna.bruno@example.it', role: 'lawyer', box: { page: 1, x: 215, y: 60, width: 165, height: 60 } },
  { id: 'neri', givenName: 'Laura', surname: 'Neri', taxCode: 'NRELRA70A41H501X', email: 'laura.neri@example.it', phone: '+39 333 1234567', role: 'mediator', box: { page: 1, x: 390, y: 60, width: 165, height: 60 } },
];

beforeAll(async () => {
  stack = await startStack({ worker: false });
  client = stack.temporal.client;
  documents = createDocumentRepository(stack.sequelize, createFileStore(stack.config.FILE_STORE_DIR));
  connection = await NativeConnection.connect({ address: stack.config.TEMPORAL_ADDRESS });
  const deps = { sequelize: stack.sequelize, config: stack.config };
  worker = await Worker.create({
    connection,
    taskQueue: stack.config.TEMPORAL_TASK_QUEUE,
    workflowsPath: require.resolve('../../workflows'),
    activities: { ...createActivities(deps), ...createSigningActivities({ ...deps, sms: { send: async (m) => void smsSent.push(m) } }) },
    dataConverter: createDataConverter(stack.config.TEMPORAL_PAYLOAD_KEYS),
  });
  running = worker.run();
  tenant = await createTenant(stack.sequelize, ['secretariat']);
  await ensureBodySigningKeys(stack.sequelize, tenant.bodyId, stack.config.SIGNING_KEYS_SECRET);
  // A "qualified" CA of the signers' own devices, configured as a trust anchor of the body.
  qualifiedCa = await createBodyCa({ name: 'CA qualificata di prova' }, new Date());
  await addTrustAnchor(stack.sequelize, { bodyId: tenant.bodyId, label: 'CA qualificata di prova', certificate: qualifiedCa.certificate, createdBy: null });
});

afterAll(async () => {
  worker.shutdown();
  await running;
  await connection.close();
  await stack.stop();
});

async function start(overrides: Partial<SignatureCycleInput> = {}, bytes?: Buffer) {
  const cycleId = randomUUID();
  const doc = await documents.saveDocument({ bodyId: tenant.bodyId, ownerKind: 'signature', ownerId: cycleId, category: 'input', filename: 'verbale.pdf', bytes: bytes ?? (await samplePdf(`Verbale ${cycleId.slice(0, 8)}`)), createdBy: null });
  const input: SignatureCycleInput = {
    cycleId,
    bodyId: tenant.bodyId,
    parent: { kind: 'standalone', id: tenant.bodyId },
    title: 'Verbale di mediazione 2026/1',
    documentIds: [doc.id],
    format: 'pades',
    signers,
    steps: minutesSteps(signers),
    verifyBetweenSteps: true,
    deadlineSeconds: 300,
    reminderEverySeconds: null,
    oneShotCertificateMinutes: 10,
    preservation: null,
    createdBy: tenant.users.secretariat!.id,
    ...overrides,
  };
  const workflowId = signatureWorkflowId(`standalone:${tenant.bodyId}`, Number.parseInt(cycleId.slice(0, 6), 16));
  const handle = await client.workflow.start(SIGNATURE_WORKFLOW_TYPE, { workflowId, taskQueue: stack.config.TEMPORAL_TASK_QUEUE, args: [input] });
  return { handle, input, workflowId };
}

async function until<T>(fn: () => Promise<T | undefined> | T | undefined, what: string, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await fn();
    if (v !== undefined && v !== null && v !== false) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const mailsTo = (address: string, subject: RegExp) => stack.sink!.messages.filter((m) => m.to && JSON.stringify(m.to).includes(address) && subject.test(m.subject ?? ''));
const linkIn = (text: string) => /\/firma\/([A-Za-z0-9._-]+)/.exec(text)?.[1];
const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)?.[1];

async function failureType(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (err) {
    for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) if ((e as { type?: string }).type) return (e as { type: string }).type;
    return 'UNTYPED';
  }
  return undefined;
}

async function uploadSignedBy(cycleId: string, base: string, credential: Credential, box = signers[0]!.box!) {
  const bytes = await signPdf((await documents.readDocument(tenant.bodyId, base)).bytes, { credential, signingTime: new Date(), box });
  return documents.saveDocument({ bodyId: tenant.bodyId, ownerKind: 'signature', ownerId: cycleId, category: 'upload', filename: 'verbale-firmato.pdf', bytes, createdBy: null });
}

describe('signature cycle', () => {
  it('art. 8-bis minutes: parties and lawyer in parallel, verified, mediator last; pdfsig finds three valid signatures', async () => {
    const { handle, input, workflowId } = await start();
    const state0 = await until(async () => {
      const s = await handle.query(cycleStateQuery);
      return s.signers.filter((x) => x.status === 'invited').length === 2 ? s : undefined;
    }, 'the first group invited');
    expect(state0.signers.find((s) => s.id === 'neri')!.status).toBe('waiting');

    // The invitation carries a personal signed link for the right signer.
    const invite = await until(() => mailsTo('mario.rossi@example.it', /Documento da firmare/)[0], 'the invitation');
    const claims = readSignerToken(linkIn(invite.text ?? '')!, stack.config.LINK_SIGNING_SECRET);
    expect(claims).toEqual({ bodyId: tenant.bodyId, workflowId, signerId: 'rossi' });

    // Rejected actions: the mediator before their turn, a malformed code, an unknown document.
    expect(await failureType(handle.executeUpdate(oneShotSignUpdate, { args: [{ signerId: 'neri', code: '123456' }] }))).toBe('ACTION_NOT_ALLOWED');
    expect(await failureType(handle.executeUpdate(oneShotSignUpdate, { args: [{ signerId: 'bruno', code: '12ab' }] }))).toBe('VALIDATION_FAILED');
    expect(await failureType(handle.executeUpdate(uploadSignedUpdate, { args: [{ signerId: 'rossi', documentIndex: 3, uploadDocumentId: randomUUID() }] }))).toBe('VALIDATION_FAILED');
    expect(await failureType(handle.executeUpdate(requestCodeUpdate, { args: [{ signerId: 'bruno', channel: 'sms' }] }))).toBe('VALIDATION_FAILED');
    expect(await failureType(handle.executeUpdate(refuseUpdate, { args: [{ signerId: 'nobody', reason: 'no' }] }))).toBe('SIGNER_NOT_FOUND');

    // Own device: an upload signed by the wrong person is refused with the reason; the right one is accepted.
    const base = (await handle.query(cycleStateQuery)).documents[0]!.currentId!;
    const impostor = await issueSignerCredential(qualifiedCa, { givenName: 'Anna', surname: 'Bruno', taxCode: 'BRNNNA85M52F205I' }, new Date(), 600_000);
    const wrong = await handle.executeUpdate(uploadSignedUpdate, { args: [{ signerId: 'rossi', documentIndex: 0, uploadDocumentId: (await uploadSignedBy(input.cycleId, base, impostor)).id }] });
    expect(wrong.accepted).toBe(false);
    expect(wrong.problems).toEqual(['SIGNER_MISMATCH']);
    expect(wrong.reportDocumentId).toBeTruthy();
    const own = await issueSignerCredential(qualifiedCa, { givenName: 'Mario', surname: 'Rossi', taxCode: 'RSSMRA80A01H501U' }, new Date(), 600_000);
    const ok = await handle.executeUpdate(uploadSignedUpdate, { args: [{ signerId: 'rossi', documentIndex: 0, uploadDocumentId: (await uploadSignedBy(input.cycleId, base, own)).id }] });
    expect(ok.problems).toEqual([]);
    expect(ok.accepted).toBe(true);
    expect(ok.state.signers.find((s) => s.id === 'rossi')).toMatchObject({ status: 'signed', method: 'own-device' });

    // One-shot with a code by e-mail: a wrong code is refused, the right one signs.
    const sent = await handle.executeUpdate(requestCodeUpdate, { args: [{ signerId: 'bruno', channel: 'email' }] });
    expect(sent.destination).toBe('a***o@e***e.it');
    const codeMail = await until(() => mailsTo('anna.bruno@example.it', /Codice per la firma/)[0], 'the code e-mail');
    const code = codeIn(codeMail.text ?? '')!;
    const wrongCode = code === '000000' ? '000001' : '000000';
    expect(await failureType(handle.executeUpdate(oneShotSignUpdate, { args: [{ signerId: 'bruno', code: wrongCode }] }))).toBe('OTP_INVALID');
    await handle.executeUpdate(oneShotSignUpdate, { args: [{ signerId: 'bruno', code }] });

    // The mediator is invited only now, and signs one-shot with a code by SMS.
    await until(() => mailsTo('laura.neri@example.it', /Documento da firmare/)[0], 'the mediator invitation');
    await handle.executeUpdate(requestCodeUpdate, { args: [{ signerId: 'neri', channel: 'sms' }] });
    const sms = await until(() => smsSent.find((m) => m.workflowId === workflowId), 'the SMS');
    expect(sms.to).toBe('+39 333 1234567');
    await handle.executeUpdate(oneShotSignUpdate, { args: [{ signerId: 'neri', code: codeIn(sms.text)! }] });

    const result = (await handle.result()) as SignatureCycleState;
    expect(result.status).toBe('completed');
    expect(result.signers.map((s) => [s.id, s.status, s.method])).toEqual([
      ['rossi', 'signed', 'own-device'],
      ['bruno', 'signed', 'one-shot'],
      ['neri', 'signed', 'one-shot'],
    ]);
    const final = await documents.readDocument(tenant.bodyId, result.finalDocumentIds[0]!);
    expect(final.record.category).toBe('signed');
    if (hasTool('pdfsig')) {
      const verdict = pdfsig(final.bytes);
      expect(verdict.map((v) => v.commonName)).toEqual(['Mario Rossi', 'Anna Bruno', 'Laura Neri']);
      expect(verdict.every((v) => v.valid)).toBe(true);
    }
    const [row] = await stack.sequelize.query<{ status: string }>('SELECT status FROM signature_cycles WHERE workflow_id = :workflowId', { type: 'SELECT' as never, replacements: { workflowId } });
    expect(row!.status).toBe('completed');
  });

  it('cancel and re-send are updates with validators; nothing is allowed after cancelling', async () => {
    const { handle } = await start();
    await until(async () => ((await handle.query(cycleStateQuery)).signers.some((s) => s.status === 'invited') ? true : undefined), 'the start');
    expect(await failureType(handle.executeUpdate(resendInvitationUpdate, { args: [{ by: tenant.users.secretariat!.id, signerId: 'neri' }] }))).toBe('ACTION_NOT_ALLOWED');
    await handle.executeUpdate(resendInvitationUpdate, { args: [{ by: tenant.users.secretariat!.id, signerId: 'rossi' }] });
    await until(() => (mailsTo('mario.rossi@example.it', /Documento da firmare/).length >= 3 ? true : undefined), 'the re-sent invitation');
    expect(await failureType(handle.executeUpdate(cancelCycleUpdate, { args: [{ by: tenant.users.secretariat!.id, reason: '' }] }))).toBe('VALIDATION_FAILED');
    const cancelled = await handle.executeUpdate(cancelCycleUpdate, { args: [{ by: tenant.users.secretariat!.id, reason: 'Verbale da correggere' }] });
    expect(cancelled.status).toBe('cancelled');
    expect((await handle.result()).signers.every((s: { status: string }) => s.status === 'cancelled')).toBe(true);
  });

  it('a refusal ends the cycle as refused', async () => {
    const { handle } = await start();
    await until(async () => ((await handle.query(cycleStateQuery)).signers.some((s) => s.status === 'invited') ? true : undefined), 'the start');
    await handle.executeUpdate(refuseUpdate, { args: [{ signerId: 'bruno', reason: 'Il verbale non riporta l’accordo' }] });
    const result = await handle.result();
    expect(result.status).toBe('refused');
    expect(result.signers.find((s: { id: string }) => s.id === 'bruno')).toMatchObject({ status: 'refused', refusalReason: 'Il verbale non riporta l’accordo' });
  });

  it('the deadline expires the cycle after reminders', async () => {
    const { handle, workflowId } = await start({ deadlineSeconds: 7, reminderEverySeconds: 3, signers: [signers[0]!], steps: [['rossi']] });
    const result = await handle.result();
    expect(result.status).toBe('expired');
    expect(result.signers[0]!.status).toBe('expired');
    const reminders = await stack.sequelize.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox WHERE workflow_id = :workflowId AND template = 'signature-reminder'", { type: 'SELECT' as never, replacements: { workflowId } });
    expect(reminders[0]!.n).toBeGreaterThanOrEqual(1);
  });

  it('CAdES: two one-shot signers are parallel signers of one envelope, accepted by openssl with the body CA', async () => {
    const two = [signers[1]!, signers[2]!];
    const { handle } = await start({ format: 'cades', signers: two, steps: [['bruno', 'neri']] });
    await until(async () => ((await handle.query(cycleStateQuery)).signers.some((s) => s.status === 'invited') ? true : undefined), 'the start');
    for (const s of two) {
      await handle.executeUpdate(requestCodeUpdate, { args: [{ signerId: s.id, channel: 'email' }] });
      const mail = await until(() => mailsTo(s.email, /Codice per la firma/).at(-1), 'the code');
      await handle.executeUpdate(oneShotSignUpdate, { args: [{ signerId: s.id, code: codeIn(mail.text ?? '')! }] });
    }
    const result = await handle.result();
    expect(result.status).toBe('completed');
    const envelope = await documents.readDocument(tenant.bodyId, result.finalDocumentIds[0]!);
    expect(envelope.record.mediaType).toBe('application/pkcs7-mime');
    if (hasTool('openssl')) {
      const ca = await ensureBodySigningKeys(stack.sequelize, tenant.bodyId, stack.config.SIGNING_KEYS_SECRET);
      const content = opensslCmsVerify(envelope.bytes, toPem(ca));
      expect(content.subarray(0, 5).toString()).toBe('%PDF-');
    }
  });
});
