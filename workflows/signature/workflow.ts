/**
 * One signature cycle: documents, signers in a sequence of parallel groups, a deadline with
 * reminders. Each signer gets a personal link by e-mail and signs with an own device (upload,
 * verified) or one-shot (a code by e-mail/SMS, then a short-lived certificate of the body's CA and a
 * server-side PAdES signature). Document versions change one at a time (a lock), so every PAdES
 * signature is an incremental update of the previous one. At the end the signed documents are
 * saved for the parent and, if asked, sent to preservation.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  executeChild,
  log,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { cycleActions, signerActions, type CycleStatus } from '../../domain/signature/cycle';
import type { VerificationProblemCode } from '../../domain/signature/verification';
import type { createNotifyActivities } from '../../activities/notify';
import type { createSigningActivities } from '../../activities/signing';
import { NextDeadlineAttr, StageAttr } from '../shared/search-attributes';
import { PRESERVATION_WORKFLOW_TYPE, preservationWorkflowId as preservationIdOf, type PreservationResult } from '../preservation/contract';
import {
  cancelCycleUpdate,
  cycleStateQuery,
  oneShotSignUpdate,
  refuseUpdate,
  requestCodeUpdate,
  resendInvitationUpdate,
  signerOpenedSignal,
  uploadSignedUpdate,
  type CycleDocumentState,
  type SignatureCycleInput,
  type SignatureCycleState,
  type SignerState,
} from './contract';

const signing = proxyActivities<ReturnType<typeof createSigningActivities>>({
  startToCloseTimeout: '2 minutes',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '1 minute',
    backoffCoefficient: 2,
    nonRetryableErrorTypes: ['OTP_INVALID', 'OTP_EXPIRED', 'OTP_LOCKED', 'NOT_A_PDF', 'PDF_UNREADABLE', 'PDF_ENCRYPTED', 'PDF_PAGE_OUT_OF_RANGE', 'SIGNATURE_TOO_LARGE', 'NO_PHONE'],
  },
});

const notify = proxyActivities<ReturnType<typeof createNotifyActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes', backoffCoefficient: 2, nonRetryableErrorTypes: ['EMAIL_REJECTED', 'UNKNOWN_BODY'] },
});

type Refusal = 'ACTION_NOT_ALLOWED' | 'VALIDATION_FAILED' | 'SIGNER_NOT_FOUND';
function refuse(code: Refusal, message: string): never {
  throw ApplicationFailure.create({ type: code, message, nonRetryable: true });
}

/** An activity's business failure, re-raised with its type so the update's caller sees the code. */
function rethrow(err: unknown): never {
  if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure) {
    throw ApplicationFailure.create({ type: err.cause.type ?? 'ACTIVITY_FAILED', message: err.cause.message, nonRetryable: true });
  }
  throw err;
}

export async function signatureCycle(input: SignatureCycleInput): Promise<SignatureCycleState> {
  const { workflowId } = workflowInfo();
  const startedAt = Date.now();
  const deadlineAt = new Date(startedAt + input.deadlineSeconds * 1000);
  let status = 'running' as CycleStatus;
  let currentStep = -1;
  const problems: VerificationProblemCode[] = [];
  let finalDocumentIds: string[] = [];
  let preservationWorkflowId: string | null = null;
  let cancellation = null as { by: string; reason: string } | null;
  const documents: CycleDocumentState[] = input.documentIds.map((id) => ({ originalId: id, currentId: input.format === 'pades' ? id : null }));
  const signers = new Map<string, SignerState & { signedDocs: Set<number>; invitations: number }>();
  for (const s of input.signers) {
    signers.set(s.id, {
      id: s.id,
      name: `${s.givenName} ${s.surname}`,
      role: s.role,
      step: input.steps.findIndex((g) => g.includes(s.id)),
      status: 'waiting',
      method: null,
      signedAt: null,
      refusalReason: null,
      rejectedUploads: [],
      actions: [],
      signedDocs: new Set(),
      invitations: 0,
    });
  }
  const inputOf = (id: string) => input.signers.find((s) => s.id === id)!;

  const state = (): SignatureCycleState => ({
    status,
    currentStep,
    deadlineAt: deadlineAt.toISOString(),
    signers: [...signers.values()].map(({ signedDocs: _d, invitations: _i, ...s }) => ({ ...s, rejectedUploads: [...s.rejectedUploads], actions: signerActions(status, s.status, inputOf(s.id).method ?? null) })),
    documents: documents.map((d) => ({ ...d })),
    problems: [...problems],
    finalDocumentIds: [...finalDocumentIds],
    preservationWorkflowId,
    actions: cycleActions(status),
  });

  // One document change at a time: every PAdES signature builds on the previous version.
  let busy = false;
  async function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    await condition(() => !busy);
    busy = true;
    try {
      return await fn();
    } finally {
      busy = false;
    }
  }

  const signerFor = (id: string) => signers.get(id) ?? refuse('SIGNER_NOT_FOUND', `no signer ${id}`);
  const assertCanSign = (id: string) => {
    const s = signerFor(id);
    if (status !== 'running') refuse('ACTION_NOT_ALLOWED', `the cycle is ${status}`);
    if (s.status !== 'invited' && s.status !== 'opened') refuse('ACTION_NOT_ALLOWED', `signer ${id} is ${s.status}`);
    return s;
  };

  function setStatus(next: CycleStatus) {
    status = next;
    upsertSearchAttributes([{ key: StageAttr, value: `FIRMA_${next.toUpperCase()}` }]);
  }

  function markSigned(id: string, method: 'own-device' | 'one-shot', docIndex: number | 'all') {
    const s = signers.get(id)!;
    if (docIndex === 'all') documents.forEach((_, i) => s.signedDocs.add(i));
    else s.signedDocs.add(docIndex);
    s.method = method;
    if (s.signedDocs.size === documents.length) {
      s.status = 'signed';
      s.signedAt = new Date().toISOString();
    }
  }

  async function invite(id: string) {
    const s = signers.get(id)!;
    const who = inputOf(id);
    const n = ++s.invitations;
    const link = await signing.signerLink({ bodyId: input.bodyId, workflowId, signerId: id, expiresAt: deadlineAt.toISOString() });
    if (s.status === 'waiting') s.status = 'invited';
    await notify
      .sendEmail({
        idempotencyKey: `${workflowId}:invite:${id}:${n}`,
        bodyId: input.bodyId,
        workflowId,
        to: { address: who.email, name: s.name },
        template: 'signature-invitation',
        data: { title: input.title, link: link.url, deadline: link.deadline },
      })
      .catch((err: unknown) => log.warn('signature invitation not sent', { signer: id, error: String((err as Error).name) }));
  }

  setHandler(cycleStateQuery, state);
  setHandler(signerOpenedSignal, ({ signerId }) => {
    const s = signers.get(signerId);
    if (s && s.status === 'invited') s.status = 'opened';
  });

  setHandler(
    uploadSignedUpdate,
    async ({ signerId, documentIndex, uploadDocumentId }) =>
      exclusive(async () => {
        const s = assertCanSign(signerId);
        const doc = documents[documentIndex]!;
        const who = inputOf(signerId);
        const result = await signing
          .acceptUpload({
            bodyId: input.bodyId,
            cycleId: input.cycleId,
            workflowId,
            format: input.format,
            signerId,
            expectedTaxCode: who.taxCode,
            originalDocumentId: doc.originalId,
            currentDocumentId: doc.currentId,
            uploadDocumentId,
            attempt: s.rejectedUploads.length + s.signedDocs.size + 1,
          })
          .catch(rethrow);
        if (result.accepted) {
          doc.currentId = result.newDocumentId;
          markSigned(signerId, 'own-device', documentIndex);
        } else s.rejectedUploads.push({ at: new Date().toISOString(), problems: result.problems });
        return { accepted: result.accepted, problems: result.problems, reportDocumentId: result.reportDocumentId, state: state() };
      }),
    {
      validator: ({ signerId, documentIndex, uploadDocumentId }) => {
        assertCanSign(signerId);
        if (!Number.isInteger(documentIndex) || documentIndex < 0 || documentIndex >= documents.length) refuse('VALIDATION_FAILED', 'unknown document');
        if (signers.get(signerId)!.signedDocs.has(documentIndex)) refuse('ACTION_NOT_ALLOWED', 'this document is already signed by this signer');
        if (inputOf(signerId).method === 'one-shot') refuse('ACTION_NOT_ALLOWED', 'this signer signs one-shot');
        if (!/^[0-9a-f-]{36}$/i.test(uploadDocumentId)) refuse('VALIDATION_FAILED', 'uploadDocumentId must be a document id');
      },
    },
  );

  setHandler(
    requestCodeUpdate,
    async ({ signerId, channel }) => {
      const who = inputOf(signerId);
      return signing
        .sendOneTimeCode({ bodyId: input.bodyId, workflowId, signerId, channel, name: `${who.givenName} ${who.surname}`, email: who.email, phone: who.phone ?? null, title: input.title })
        .catch(rethrow);
    },
    {
      validator: ({ signerId, channel }) => {
        assertCanSign(signerId);
        if (channel !== 'email' && channel !== 'sms') refuse('VALIDATION_FAILED', 'channel is email or sms');
        if (channel === 'sms' && !inputOf(signerId).phone) refuse('VALIDATION_FAILED', 'the signer has no mobile number');
        if (inputOf(signerId).method === 'own-device') refuse('ACTION_NOT_ALLOWED', 'this signer signs with an own device');
      },
    },
  );

  setHandler(
    oneShotSignUpdate,
    async ({ signerId, code }) =>
      exclusive(async () => {
        assertCanSign(signerId);
        const who = inputOf(signerId);
        const result = await signing
          .oneShotSign({
            bodyId: input.bodyId,
            cycleId: input.cycleId,
            workflowId,
            format: input.format,
            signer: { id: signerId, givenName: who.givenName, surname: who.surname, taxCode: who.taxCode, box: who.box ?? null },
            code,
            documents: documents.map((d) => ({ originalId: d.originalId, currentId: d.currentId })),
            certificateMinutes: input.oneShotCertificateMinutes,
          })
          .catch(rethrow);
        result.documentIds.forEach((id, i) => (documents[i]!.currentId = id));
        markSigned(signerId, 'one-shot', 'all');
        return state();
      }),
    {
      validator: ({ signerId, code }) => {
        assertCanSign(signerId);
        if (!/^\d{6}$/.test(code ?? '')) refuse('VALIDATION_FAILED', 'the code has 6 digits');
        if (inputOf(signerId).method === 'own-device') refuse('ACTION_NOT_ALLOWED', 'this signer signs with an own device');
      },
    },
  );

  setHandler(
    refuseUpdate,
    ({ signerId, reason }) => {
      const s = signers.get(signerId)!;
      s.status = 'refused';
      s.refusalReason = reason.trim();
      setStatus('refused');
      return state();
    },
    {
      validator: ({ signerId, reason }) => {
        assertCanSign(signerId);
        if (!reason || reason.trim().length < 3) refuse('VALIDATION_FAILED', 'a reason is required');
      },
    },
  );

  setHandler(
    cancelCycleUpdate,
    ({ by, reason }) => {
      cancellation = { by, reason: reason.trim() };
      for (const s of signers.values()) if (s.status !== 'signed') s.status = 'cancelled';
      setStatus('cancelled');
      return state();
    },
    {
      validator: ({ by, reason }) => {
        if (status !== 'running') refuse('ACTION_NOT_ALLOWED', `the cycle is ${status}`);
        if (!by) refuse('VALIDATION_FAILED', 'by is required');
        if (!reason || reason.trim().length < 3) refuse('VALIDATION_FAILED', 'a reason is required');
      },
    },
  );

  setHandler(
    resendInvitationUpdate,
    async ({ signerId }) => {
      await invite(signerId);
      return state();
    },
    {
      validator: ({ by, signerId }) => {
        if (!by) refuse('VALIDATION_FAILED', 'by is required');
        assertCanSign(signerId);
      },
    },
  );

  await signing.recordCycle({ bodyId: input.bodyId, cycleId: input.cycleId, workflowId, parentKind: input.parent.kind, parentId: input.parent.id, title: input.title, status: 'running', createdBy: input.createdBy });
  upsertSearchAttributes([
    { key: StageAttr, value: 'FIRMA_RUNNING' },
    { key: NextDeadlineAttr, value: deadlineAt },
  ]);

  const running = () => status === 'running';
  const reminderMs = input.reminderEverySeconds ? input.reminderEverySeconds * 1000 : null;
  let reminders = 0;

  for (let step = 0; step < input.steps.length && running(); step++) {
    currentStep = step;
    const group = input.steps[step]!;
    // The whole group is invited at once (its state and currentStep change together), then e-mailed.
    for (const id of group) signers.get(id)!.status = 'invited';
    for (const id of group) await invite(id);
    const groupDone = () => group.every((id) => signers.get(id)!.status === 'signed');
    let nextReminder = reminderMs ? Date.now() + reminderMs : Infinity;
    while (running() && !groupDone()) {
      const until = Math.min(deadlineAt.getTime(), nextReminder);
      const waitMs = until - Date.now();
      if (waitMs > 0) await condition(() => !running() || groupDone(), waitMs);
      if (!running() || groupDone()) break;
      if (Date.now() >= deadlineAt.getTime()) {
        if (busy) {
          await condition(() => !busy);
          if (groupDone()) break;
        }
        for (const s of signers.values()) if (s.status !== 'signed') s.status = 'expired';
        setStatus('expired');
        break;
      }
      if (Date.now() >= nextReminder) {
        reminders++;
        for (const id of group) {
          const s = signers.get(id)!;
          if (s.status !== 'invited' && s.status !== 'opened') continue;
          const link = await signing.signerLink({ bodyId: input.bodyId, workflowId, signerId: id, expiresAt: deadlineAt.toISOString() });
          await notify
            .sendEmail({
              idempotencyKey: `${workflowId}:reminder:${id}:${reminders}`,
              bodyId: input.bodyId,
              workflowId,
              to: { address: inputOf(id).email, name: s.name },
              template: 'signature-reminder',
              data: { title: input.title, link: link.url, deadline: link.deadline },
            })
            .catch((err: unknown) => log.warn('signature reminder not sent', { signer: id, error: String((err as Error).name) }));
        }
        nextReminder = reminderMs ? Date.now() + reminderMs : Infinity;
      }
    }
    // Art. 8-bis: the signatures so far are verified before the next group (the mediator) signs.
    if (running() && input.verifyBetweenSteps && step < input.steps.length - 1) {
      await condition(() => !busy);
      const check = await signing.verifyCycleDocuments({ bodyId: input.bodyId, format: input.format, documentIds: documents.map((d) => d.currentId!), originalIds: documents.map((d) => d.originalId) });
      if (!check.valid) {
        problems.push(...check.problems);
        setStatus('failed');
      }
    }
  }

  if (running()) {
    await condition(() => !busy);
    const check = await signing.verifyCycleDocuments({ bodyId: input.bodyId, format: input.format, documentIds: documents.map((d) => d.currentId!), originalIds: documents.map((d) => d.originalId) });
    if (!check.valid) {
      problems.push(...check.problems);
      setStatus('failed');
    } else {
      finalDocumentIds = (
        await signing.finalizeCycle({ bodyId: input.bodyId, cycleId: input.cycleId, parent: input.parent, title: input.title, documentIds: documents.map((d) => d.currentId!) })
      ).documentIds;
      setStatus('completed');
      if (input.preservation) {
        const submissionId = input.cycleId;
        const childId = preservationIdOf(input.bodyId, submissionId);
        preservationWorkflowId = childId;
        try {
          const result = (await executeChild(PRESERVATION_WORKFLOW_TYPE, {
            workflowId: childId,
            args: [
              {
                bodyId: input.bodyId,
                submissionId,
                classCode: input.preservation.classCode,
                items: finalDocumentIds.map((documentId) => ({ documentId, metadata: input.preservation!.metadata })),
                submittedBy: input.createdBy,
                source: workflowId,
              },
            ],
            parentClosePolicy: ParentClosePolicy.ABANDON,
          })) as PreservationResult;
          if (result.status !== 'preserved') log.warn('preservation refused the signed documents', { code: result.rejection?.code ?? 'unknown' });
        } catch (err) {
          log.warn('preservation of the signed documents failed', { error: String((err as Error).name) });
        }
      }
    }
  }

  upsertSearchAttributes([{ key: NextDeadlineAttr, value: null }]);
  await signing.recordCycle({
    bodyId: input.bodyId,
    cycleId: input.cycleId,
    workflowId,
    parentKind: input.parent.kind,
    parentId: input.parent.id,
    title: input.title,
    status,
    createdBy: input.createdBy,
    by: cancellation?.by ?? null,
    reason: cancellation?.reason ?? [...signers.values()].find((s) => s.refusalReason)?.refusalReason ?? null,
  });
  await condition(allHandlersFinished);
  return state();
}

