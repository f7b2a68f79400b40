/**
 * One mediation procedure, from filing to closing. Implemented so far: filing and registration,
 * the e-mail to the applicants, designation of the mediator with acceptance (declaration of
 * independence and impartiality), refusal or expiry of the answer term and automatic
 * re-designation, and withdrawal. Convocation, meetings and outcome follow (issue #3).
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  log,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { MediationStage } from '../../domain/mediation/stages';
import type { DesignationCriteria } from '../../domain/mediation/designation';
import type { createNotifyActivities } from '../../activities/notify';
import type { createRecordsActivities } from '../../activities/records';
import { CaseNumberAttr, MediatorIdAttr, NextDeadlineAttr, StageAttr } from '../shared/search-attributes';
import {
  answerAppointmentUpdate,
  changeAnswerDeadlineUpdate,
  designateMediatorUpdate,
  registrationUpdate,
  stateQuery,
  withdrawUpdate,
  type MediationAction,
  type MediationInput,
  type MediationState,
  type PendingDesignation,
  type Registration,
} from './contract';
import { allowedActions, isUuid, registrationRecipients } from './state';
import { installLifecycle } from './lifecycle';

const records = proxyActivities<ReturnType<typeof createRecordsActivities>>({
  // Read-model writes are single short transactions: a dead worker is noticed within 10 s.
  startToCloseTimeout: '10 seconds',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '1 minute',
    backoffCoefficient: 2,
    // A payload this worker cannot decrypt will not decrypt on retry: fail fast, visibly.
    nonRetryableErrorTypes: ['PayloadKeyUnknown', 'PayloadDecryptionFailed'],
  },
});

const notify = proxyActivities<ReturnType<typeof createNotifyActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes', backoffCoefficient: 2, nonRetryableErrorTypes: ['EMAIL_REJECTED', 'UNKNOWN_BODY'] },
});

/** A refused action: the API answers 409 (or the code's status) with this code. */
function refuse(code: 'ACTION_NOT_ALLOWED' | 'NOT_ASSIGNED_MEDIATOR' | 'DECLARATION_REQUIRED' | 'VALIDATION_FAILED' | 'LAWYER_REQUIRED', message: string): never {
  throw ApplicationFailure.create({ type: code, message, nonRetryable: true });
}

export async function mediation(input: MediationInput): Promise<MediationState> {
  /** Convocation to closing (issue #3): histories recorded before it replay without it. */
  const lifecycleEnabled = patched('full-lifecycle');
  /** The minutes signed through a child signature cycle, and convocations by PEC followed to their receipts (v5). */
  const minutesSignatureEnabled = lifecycleEnabled && patched('minutes-signature');
  const pecConvocationEnabled = lifecycleEnabled && patched('pec-convocation');
  // `as`: handlers change these from outside the main flow, so the compiler must not narrow them.
  let stage = 'DEPOSITATA' as MediationStage;
  let registration: Registration | null = null;
  let designation: PendingDesignation | null = null;
  let answer = null as 'accepted' | 'refused' | null;
  /** The mediator who accepted the appointment; null until then. */
  let acceptedMediator = null as string | null;
  const mediatorAccepted = () => acceptedMediator !== null;
  let designationBlocked = false;
  let designationSeq = 0;
  /** Bumped when the answer term moves, so the waiting timer is re-armed. */
  let termVersion = 0;
  const excluded: string[] = [];
  const { workflowId } = workflowInfo();

  const actions = (): MediationAction[] =>
    allowedActions({
      stage,
      registered: registration !== null,
      designationPending: designation !== null,
      mediatorAccepted: mediatorAccepted(),
      ...(lifecycle ? lifecycle.context() : {}),
    });
  const noLifecycle = {
    invited: [],
    meetings: [],
    expert: null,
    proposal: null,
    outcome: null,
    minutesDocumentId: null,
    procedureEndsAt: null,
    extensions: [],
    nextDeadline: null,
  } satisfies Partial<MediationState>;
  const state = (): MediationState => ({
    stage,
    caseNumber: registration?.caseNumber ?? null,
    mediatorId: designation?.mediatorId ?? acceptedMediator,
    designation,
    mediatorAccepted: mediatorAccepted(),
    designationBlocked,
    excludedMediators: [...excluded],
    ...(lifecycle ? lifecycle.snapshot() : noLifecycle),
    allowedActions: actions(),
  });
  const assertAllowed = (action: MediationAction) => {
    if (!actions().includes(action)) refuse('ACTION_NOT_ALLOWED', `${action} is not allowed in stage ${stage}`);
  };

  const archived = () => stage === 'ARCHIVIATA';
  const moveTo = (next: MediationStage) => {
    stage = next;
    upsertSearchAttributes([{ key: StageAttr, value: next }]);
  };

  // Messages go out in the background: a slow mail server never holds the procedure up.
  const messages: Promise<unknown>[] = [];
  const lifecycle = lifecycleEnabled
    ? installLifecycle({
        input,
        workflowId,
        stage: () => stage,
        moveTo,
        acceptedMediator: () => acceptedMediator,
        assertAllowed,
        refuse,
        background: (work) => void messages.push(work),
        state,
        features: { minutesSignature: minutesSignatureEnabled, pecConvocation: pecConvocationEnabled },
      })
    : null;

  /** Designates (by hand, or automatically with the body's criterion when `criteria` is null). */
  async function designate(criteria: DesignationCriteria | null, chosenBy: string | null): Promise<void> {
    const designatedAt = new Date();
    const due = await records.mediatorAnswerDeadline({ bodyId: input.bodyId, designatedAt: designatedAt.toISOString() });
    const seq = ++designationSeq;
    const d = await records.designateMediator({
      bodyId: input.bodyId,
      caseId: input.caseId,
      workflowId,
      seq,
      matter: input.filing.matter,
      criteria,
      chosenBy,
      excluded: [...excluded],
      designatedAt: designatedAt.toISOString(),
      answerDueAt: due.dueAt,
    });
    designation = { id: d.id, seq, mediatorId: d.mediatorId, answerDueAt: due.dueAt };
    answer = null;
    designationBlocked = false;
    moveTo('MEDIATORE_DESIGNATO');
    upsertSearchAttributes([
      { key: MediatorIdAttr, value: d.mediatorId },
      { key: NextDeadlineAttr, value: new Date(due.dueAt) },
    ]);
  }

  setHandler(stateQuery, state);
  setHandler(registrationUpdate, async () => {
    await condition(() => registration !== null || stage === 'ARCHIVIATA');
    if (!registration) throw ApplicationFailure.nonRetryable('the case was archived before registration', 'CASE_ARCHIVED');
    return registration;
  });
  setHandler(
    withdrawUpdate,
    async ({ by, reason }) => {
      await condition(() => registration !== null);
      if (lifecycleEnabled && designation) {
        // The designation awaiting the mediator's answer is closed, not left pending.
        await records.recordDesignationAnswer({ bodyId: input.bodyId, caseId: input.caseId, workflowId, designationId: designation.id, outcome: 'cancelled', by, at: new Date().toISOString() });
      }
      await records.recordStage({ bodyId: input.bodyId, caseId: input.caseId, workflowId, stage: 'ARCHIVIATA', by, reason });
      moveTo('ARCHIVIATA');
      return state();
    },
    {
      validator: ({ by, reason }) => {
        assertAllowed('withdraw');
        if (!isUuid(by)) refuse('VALIDATION_FAILED', 'by must be a user id');
        if (!reason || reason.trim().length === 0) refuse('VALIDATION_FAILED', 'a reason is required');
      },
    },
  );
  setHandler(
    designateMediatorUpdate,
    async ({ by, criterion, mediatorId, reason }) => {
      const criteria: DesignationCriteria =
        criterion === 'manual' ? { criterion, mediatorId: mediatorId ?? '', reason: reason ?? '' } : { criterion };
      await designate(criteria, by);
      return state();
    },
    {
      validator: ({ by, criterion, mediatorId, reason }) => {
        assertAllowed('designateMediator');
        if (!isUuid(by)) refuse('VALIDATION_FAILED', 'by must be a user id');
        if (!['rotation', 'availability', 'manual'].includes(criterion)) refuse('VALIDATION_FAILED', 'unknown criterion');
        if (criterion === 'manual' && (!mediatorId || !reason || reason.trim() === '')) {
          refuse('VALIDATION_FAILED', 'a manual designation names the mediator and gives a reason');
        }
      },
    },
  );
  setHandler(
    answerAppointmentUpdate,
    async ({ by, accept, declaration, refusalReason }) => {
      const current = designation!;
      await records.recordDesignationAnswer({
        bodyId: input.bodyId,
        caseId: input.caseId,
        workflowId,
        designationId: current.id,
        outcome: accept ? 'accepted' : 'refused',
        by,
        at: new Date().toISOString(),
        declaration: accept && declaration ? { text: declaration.text, version: declaration.version } : null,
        refusalReason: accept ? null : (refusalReason ?? null),
      });
      answer = accept ? 'accepted' : 'refused';
      await condition(() => designation === null || designation.id !== current.id || mediatorAccepted());
      return state();
    },
    {
      validator: ({ by, accept, declaration }) => {
        assertAllowed('answerAppointment');
        if (by !== designation?.mediatorId) refuse('NOT_ASSIGNED_MEDIATOR', 'only the designated mediator answers');
        if (accept && (!declaration?.accepted || !declaration.text?.trim() || !declaration.version)) {
          refuse('DECLARATION_REQUIRED', 'accepting requires the signed declaration');
        }
      },
    },
  );
  setHandler(
    changeAnswerDeadlineUpdate,
    ({ dueAt }) => {
      designation = { ...designation!, answerDueAt: new Date(dueAt).toISOString() };
      termVersion++;
      upsertSearchAttributes([{ key: NextDeadlineAttr, value: new Date(dueAt) }]);
      return state();
    },
    {
      validator: ({ by, dueAt }) => {
        assertAllowed('changeAnswerDeadline');
        if (!isUuid(by)) refuse('VALIDATION_FAILED', 'by must be a user id');
        const at = Date.parse(dueAt);
        if (Number.isNaN(at) || at <= Date.now()) refuse('VALIDATION_FAILED', 'the new term must be a future instant');
      },
    },
  );

  registration = await records.registerCase({
    caseId: input.caseId,
    bodyId: input.bodyId,
    workflowId,
    filedAt: input.filedAt,
    filedBy: input.filedBy,
    filing: input.filing,
  });
  upsertSearchAttributes([{ key: CaseNumberAttr, value: registration.caseNumber }]);
  moveTo('ISCRITTA');

  if (patched('notify-registration')) {
    const caseNumber = registration.caseNumber;
    messages.push(
      ...registrationRecipients(input.filing).map(({ index, address, name }) =>
        notify
          .sendEmail({
            idempotencyKey: `${workflowId}:registered:party-${index}`,
            bodyId: input.bodyId,
            caseId: input.caseId,
            workflowId,
            to: { address, name },
            template: 'case-registered',
            data: { caseNumber, subject: input.filing.subject },
          })
          .catch((err: unknown) => log.warn('registration e-mail not sent', { party: index, error: String((err as Error).name) })),
      ),
    );
  }

  // Designation: wait for the mediator's answer within the term; on refusal or silence, exclude
  // the mediator and designate the next one by the body's criterion.
  while (!archived() && !mediatorAccepted()) {
    await condition(() => archived() || designation !== null);
    if (archived()) break;
    const current = designation!;
    let version = -1;
    while (answer === null && !archived() && version !== termVersion) {
      version = termVersion;
      const waitMs = Date.parse(designation!.answerDueAt) - Date.now();
      if (waitMs <= 0) break; // the term has passed
      await condition(() => answer !== null || archived() || version !== termVersion, waitMs);
      if (answer === null && !archived() && version === termVersion) break; // the term passed
    }
    if (archived()) break;
    if (answer === 'accepted') {
      acceptedMediator = current.mediatorId;
      designation = null;
      upsertSearchAttributes([{ key: NextDeadlineAttr, value: null }]);
      break;
    }
    if (answer === null) {
      await records.recordDesignationAnswer({
        bodyId: input.bodyId,
        caseId: input.caseId,
        workflowId,
        designationId: current.id,
        outcome: 'expired',
        by: null,
        at: new Date().toISOString(),
      });
    }
    excluded.push(current.mediatorId);
    designation = null;
    moveTo('ISCRITTA');
    upsertSearchAttributes([
      { key: MediatorIdAttr, value: null },
      { key: NextDeadlineAttr, value: null },
    ]);
    try {
      await designate(null, null);
    } catch (err) {
      // Nobody eligible is left: the secretariat designates by hand (manual choice with a reason).
      designationBlocked = true;
      log.warn('automatic re-designation found no eligible mediator', { error: String((err as Error).name) });
    }
  }

  const deadlines = lifecycle ? lifecycle.deadlineLoop() : Promise.resolve();
  await condition(() => archived() || stage === 'CONCLUSA');
  await deadlines;
  await Promise.all(messages);
  await condition(allHandlersFinished);
  return state();
}
