/**
 * One mediation procedure, from filing to closing. This first slice files and registers the case
 * and lets the applicant withdraw; designation, convocation, meetings and outcome follow (issue 3).
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
import type { createNotifyActivities } from '../../activities/notify';
import type { createRecordsActivities } from '../../activities/records';
import { CaseNumberAttr, StageAttr } from '../shared/search-attributes';
import {
  registrationUpdate,
  stateQuery,
  withdrawUpdate,
  type MediationInput,
  type MediationState,
  type Registration,
} from './contract';
import { allowedActions, isUuid, registrationRecipients } from './state';

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

export async function mediation(input: MediationInput): Promise<MediationState> {
  let stage: MediationStage = 'DEPOSITATA';
  let registration: Registration | null = null;
  const { workflowId } = workflowInfo();
  const state = (): MediationState => ({ stage, caseNumber: registration?.caseNumber ?? null, allowedActions: allowedActions(stage) });

  const moveTo = (next: MediationStage) => {
    stage = next;
    upsertSearchAttributes([{ key: StageAttr, value: next }]);
  };

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
      await records.recordStage({ bodyId: input.bodyId, caseId: input.caseId, workflowId, stage: 'ARCHIVIATA', by, reason });
      moveTo('ARCHIVIATA');
      return state();
    },
    {
      validator: ({ by, reason }) => {
        if (!allowedActions(stage).includes('withdraw')) throw new Error(`withdraw is not allowed in stage ${stage}`);
        if (!isUuid(by)) throw new Error('by must be a user id');
        if (!reason || reason.trim().length === 0) throw new Error('a reason is required');
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

  // Messages go out in the background: a slow mail server never holds the procedure up.
  const messages: Promise<unknown>[] = [];
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

  await condition(() => stage === 'ARCHIVIATA');
  await Promise.all(messages);
  await condition(allHandlersFinished);
  return state();
}
