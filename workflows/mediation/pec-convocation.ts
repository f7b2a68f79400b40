/**
 * The convocation by PEC: an invited party with a PEC address (when the body has a PEC account) is
 * convened through the `notification` workflow, started as a CHILD per party. The child sends the
 * PEC, follows its receipts (signalled by the body's receipt poller) and, on non-acceptance,
 * non-delivery or no delivery receipt in time, prepares the registered letter (when the party's
 * postal address was given) and e-mails the secretariat. The mediation awaits each child's result
 * and records it on the invitation: delivered, or not delivered (timeline + marked for the UI).
 * The personal code and link are composed by the sending activity, never put in history.
 * Installed only when `patched('pec-convocation')` holds, so older histories replay without it.
 */
import { ChildWorkflowFailure, executeChild, log, proxyActivities } from '@temporalio/workflow';
import type { createRecordsActivities } from '../../activities/records';
import { BodyIdAttr, ProcedureKindAttr } from '../shared/search-attributes';
import { NOTIFICATION_WORKFLOW_TYPE, notificationWorkflowId, type NotificationState } from '../notify/contract';
import type { ConvocationDelivery, InvitedPartyState, MediationInput, MeetingState } from './contract';

const records = proxyActivities<ReturnType<typeof createRecordsActivities>>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2, nonRetryableErrorTypes: ['PayloadKeyUnknown', 'PayloadDecryptionFailed'] },
});

export interface PecConvocationEnv {
  input: MediationInput;
  workflowId: string;
  invited(position: number): InvitedPartyState | undefined;
  background(work: Promise<unknown>): void;
}

export function installPecConvocation(env: PecConvocationEnv) {
  const { input, workflowId } = env;
  const ref = { bodyId: input.bodyId, caseId: input.caseId, workflowId };

  async function follow(target: { position: number; address: string; name: string }, dueAt: string, meeting: MeetingState, postal: string | null, receiptTimeoutSeconds: number) {
    const party = env.invited(target.position);
    const delivery: ConvocationDelivery = { channel: 'pec', status: 'sending', at: null, detail: null, registeredLetter: false };
    if (party) party.delivery = delivery;
    const key = `${workflowId}:convocation-pec:party-${target.position}`;
    let result: NotificationState | null = null;
    try {
      result = (await executeChild(NOTIFICATION_WORKFLOW_TYPE, {
        // One convocation per case: the case ID keys it (unique in the body, like the mediation's own ID).
        workflowId: notificationWorkflowId(input.bodyId, `case-${input.caseId}:convocation-pec:party-${target.position}`),
        args: [
          {
            message: {
              channel: 'pec',
              bodyId: input.bodyId,
              recipient: { address: target.address, name: target.name },
              template: 'notice',
              data: { event: 'convocation' },
              caseNotice: { caseId: input.caseId, event: 'convocation', position: target.position, dueAt, facts: { meeting: { startsAt: meeting.startsAt, mode: meeting.mode } } },
              idempotencyKey: key,
              caseId: input.caseId,
            },
            fallbackPostalAddress: postal,
            receiptTimeoutSeconds,
          },
        ],
        typedSearchAttributes: [
          { key: BodyIdAttr, value: input.bodyId },
          { key: ProcedureKindAttr, value: 'notification' },
        ],
      })) as NotificationState;
    } catch (err) {
      if (!(err instanceof ChildWorkflowFailure)) throw err;
      log.warn('PEC convocation not sent', { position: target.position, error: String(err.cause?.name ?? err.name) });
    }
    const delivered = !!result?.receipts.includes('avvenuta-consegna');
    const detail = result ? (delivered ? null : (result.receipts.find((k) => k !== 'accettazione' && k !== 'avvenuta-consegna') ?? 'timeout')) : 'send-failed';
    const status: ConvocationDelivery['status'] = delivered ? 'delivered' : result ? 'not_delivered' : 'failed';
    const at = new Date().toISOString();
    await records.recordConvocationDelivery({ ...ref, position: target.position, status, outboxId: result?.outboxId ?? null, detail, registeredLetterOutboxId: result?.fallbackOutboxId ?? null, at });
    Object.assign(delivery, { status, at, detail, registeredLetter: !!result?.fallbackOutboxId });
  }

  return {
    /** The invited parties convened by PEC (children started in the background); the others are e-mailed as before. */
    async convene(invitations: { position: number; dueAt: string }[], meeting: MeetingState, postalAddresses: { position: number; address: string }[]): Promise<number[]> {
      const channels = await records.convocationChannels({ bodyId: input.bodyId, caseId: input.caseId, positions: invitations.map((i) => i.position) });
      for (const target of channels.pec) {
        const dueAt = invitations.find((i) => i.position === target.position)!.dueAt;
        const postal = postalAddresses.find((p) => p.position === target.position)?.address ?? null;
        env.background(follow(target, dueAt, meeting, postal, channels.receiptTimeoutSeconds).catch((err: unknown) => log.error('PEC convocation not followed', { position: target.position, error: String((err as Error).name) })));
      }
      return channels.pec.map((t) => t.position);
    },
  };
}
