/**
 * The minutes signed digitally (art. 8-bis d.lgs. 28/2010): a signature cycle run as a CHILD
 * workflow of the mediation — the parties present and their lawyers in parallel, verified, then the
 * mediator. On completion the signed PDF is deposited (the case is CONCLUSA) and the cycle has sent
 * it to preservation (its own child). A refused, expired or cancelled cycle leaves the case at
 * VERBALE_IN_FORMAZIONE, where the secretariat starts a new cycle or deposits by hand.
 * Installed only when `patched('minutes-signature')` holds, so older histories replay without it.
 */
import { ChildWorkflowFailure, executeChild, log, proxyActivities, setHandler } from '@temporalio/workflow';
import type { createRecordsActivities } from '../../activities/records';
import { BodyIdAttr, ProcedureKindAttr, StageAttr } from '../shared/search-attributes';
import { SIGNATURE_WORKFLOW_TYPE, type SignatureCycleResult } from '../signature/contract';
import { signMinutesUpdate, type MediationAction, type MediationInput, type MediationState, type MinutesSignatureState, type SignMinutesRequest } from './contract';
import { isUuid } from './state';

const records = proxyActivities<ReturnType<typeof createRecordsActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2, nonRetryableErrorTypes: ['PayloadKeyUnknown', 'PayloadDecryptionFailed'] },
});

export interface MinutesSignatureEnv {
  input: MediationInput;
  workflowId: string;
  minutesDocumentId(): string | null;
  outcome(): string | null;
  /** Parties whose signature the minutes need (present at the last meeting). */
  signingPositions(): number[];
  assertAllowed(action: MediationAction): void;
  refuse(code: 'ACTION_NOT_ALLOWED' | 'VALIDATION_FAILED', message: string): never;
  /** Deposits the signed minutes: the case is concluded (runs as the procedure's one action at a time). */
  deposit(documentId: string, cycleId: string): Promise<void>;
  background(work: Promise<unknown>): void;
  state(): MediationState;
}

export function installMinutesSignature(env: MinutesSignatureEnv) {
  const { input, workflowId } = env;
  let current = null as MinutesSignatureState | null;
  const signing = () => current?.status === 'preparing' || current?.status === 'running';

  async function run(req: Omit<SignMinutesRequest, 'by'>, by: string | null): Promise<void> {
    const attempt = (current?.attempt ?? 0) + 1;
    const sig: MinutesSignatureState = { attempt, status: 'preparing', cycleId: null, workflowId: null, missing: [], signedDocumentId: null, startedAt: new Date().toISOString(), endedAt: null };
    current = sig;
    const ref = { bodyId: input.bodyId, caseId: input.caseId, workflowId };
    const prep = await records.prepareMinutesSignature({
      ...ref,
      attempt,
      minutesDocumentId: env.minutesDocumentId()!,
      positions: env.signingPositions(),
      outcome: env.outcome(),
      ...(req.methods ? { methods: req.methods } : {}),
      ...(req.extraSigners ? { extraSigners: req.extraSigners } : {}),
      by,
    });
    if (!prep.ready) {
      Object.assign(sig, { status: 'needs_signers', missing: prep.missing, endedAt: new Date().toISOString() });
      await records.recordEvent({ ...ref, by, action: 'case.minutes_signature_blocked', stage: 'VERBALE_IN_FORMAZIONE', details: { eventKey: `minutes-signature-${attempt}`, missing: prep.missing } });
      return;
    }
    Object.assign(sig, { status: 'running', cycleId: prep.cycleId, workflowId: prep.childWorkflowId });
    await records.recordEvent({ ...ref, by, action: 'case.minutes_signature_started', stage: 'VERBALE_IN_FORMAZIONE', details: { eventKey: `minutes-signature-${attempt}`, cycleId: prep.cycleId, signers: prep.input.signers.length } });
    let result: SignatureCycleResult | null = null;
    try {
      result = (await executeChild(SIGNATURE_WORKFLOW_TYPE, {
        workflowId: prep.childWorkflowId,
        args: [prep.input],
        typedSearchAttributes: [
          { key: BodyIdAttr, value: input.bodyId },
          { key: ProcedureKindAttr, value: 'signature' },
          { key: StageAttr, value: 'FIRMA_RUNNING' },
        ],
        staticSummary: 'Firma del verbale di mediazione',
      })) as SignatureCycleResult;
    } catch (err) {
      if (!(err instanceof ChildWorkflowFailure)) throw err;
      log.warn('the minutes signature cycle failed', { cycle: prep.cycleId, error: String(err.cause?.name ?? err.name) });
    }
    const status = result?.status ?? 'failed';
    const signedId = status === 'completed' ? (result?.finalDocumentIds[0] ?? null) : null;
    if (signedId) {
      await env.deposit(signedId, prep.cycleId);
      Object.assign(sig, { status: 'completed', signedDocumentId: signedId, endedAt: new Date().toISOString() });
      return;
    }
    await records.recordEvent({ ...ref, by: null, action: 'case.minutes_signature_ended', stage: 'VERBALE_IN_FORMAZIONE', details: { eventKey: `minutes-signature-${attempt}-end`, cycleId: prep.cycleId, status } });
    Object.assign(sig, { status: status === 'completed' ? 'failed' : status, endedAt: new Date().toISOString() });
  }

  /** Starts a cycle in the background; the caller's handler returns at once with the state 'preparing'. */
  const start = (req: Omit<SignMinutesRequest, 'by'>, by: string | null) =>
    env.background(
      run(req, by).catch((err: unknown) => {
        // Only a bug or a non-retryable activity failure lands here: the secretariat can retry or deposit by hand.
        log.error('minutes signature not started', { error: String((err as Error).name) });
        if (current && signing()) Object.assign(current, { status: 'failed', endedAt: new Date().toISOString() });
      }),
    );

  setHandler(
    signMinutesUpdate,
    (req) => {
      start({ ...(req.methods ? { methods: req.methods } : {}), ...(req.extraSigners ? { extraSigners: req.extraSigners } : {}) }, req.by);
      return env.state();
    },
    {
      validator: (req) => {
        env.assertAllowed('signMinutes');
        if (!isUuid(req.by)) env.refuse('VALIDATION_FAILED', 'by must be a user id');
        if (!env.minutesDocumentId()) env.refuse('ACTION_NOT_ALLOWED', 'the minutes are not produced yet');
      },
    },
  );

  return {
    snapshot: (): MinutesSignatureState | null => (current ? { ...current, missing: [...current.missing] } : null),
    signing,
    /** The minutes are produced: an online procedure (last meeting by video or mixed) signs them digitally at once. */
    minutesProduced(online: boolean) {
      if (online) start({}, null);
    },
  };
}
