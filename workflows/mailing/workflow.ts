/**
 * A mass mailing (Spedizioni Online, newsletter): resolves the audience, then sends it in batches,
 * each a child workflow, a few at a time. Progress is a Query; pause, resume and cancel are Updates
 * whose validators refuse what the current state does not allow.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
  type ChildWorkflowHandle,
} from '@temporalio/workflow';
import type { createNotifyActivities } from '../../activities/notify';
import { allowedMailingActions, planBatches, sumProgress, type MailingAction, type MailingState } from '../../domain/notify/mailing';
import { mailingBatch } from './batch-workflow';
import {
  batchControlSignal,
  batchProgressSignal,
  cancelMailingUpdate,
  mailingStatusQuery,
  pauseMailingUpdate,
  resumeMailingUpdate,
  type BatchControl,
  type BatchCounts,
  type MailingInput,
  type MailingStatus,
} from './contract';

const acts = proxyActivities<ReturnType<typeof createNotifyActivities>>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2, nonRetryableErrorTypes: ['NOT_FOUND'] },
});

function refuse(message: string): never {
  throw ApplicationFailure.create({ type: 'ACTION_NOT_ALLOWED', message, nonRetryable: true });
}

export async function mailing(input: MailingInput): Promise<MailingStatus> {
  let state = 'preparing' as MailingState;
  let total = 0;
  const counts = new Map<number, BatchCounts>();
  const running = new Map<number, ChildWorkflowHandle<typeof mailingBatch>>();
  const { workflowId } = workflowInfo();

  const status = (): MailingStatus => ({ state, progress: sumProgress(total, counts.values()), allowedActions: allowedMailingActions(state) });
  const assertAllowed = (action: MailingAction, by: string) => {
    if (!allowedMailingActions(state).includes(action)) refuse(`${action} is not allowed while the mailing is ${state}`);
    if (typeof by !== 'string' || by.length === 0) throw ApplicationFailure.create({ type: 'VALIDATION_FAILED', message: 'by is required', nonRetryable: true });
  };
  const tellBatches = async (c: BatchControl) => {
    await Promise.all([...running.values()].map((h) => h.signal(batchControlSignal, c).catch(() => undefined)));
  };
  const change = async (next: MailingState, by: string, control: BatchControl) => {
    state = next;
    await acts.recordMailingState({ bodyId: input.bodyId, mailingId: input.mailingId, state: next, by });
    await tellBatches(control);
    return status();
  };

  setHandler(mailingStatusQuery, status);
  setHandler(batchProgressSignal, ({ index, sent, failed, skipped }) => {
    const prev = counts.get(index);
    // Signals carry running totals: keep the largest (a replayed chunk never lowers the count).
    if (!prev || sent + failed + skipped >= prev.sent + prev.failed + prev.skipped) counts.set(index, { sent, failed, skipped });
  });
  setHandler(pauseMailingUpdate, ({ by }) => change('paused', by, 'pause'), { validator: ({ by }) => assertAllowed('pause', by) });
  setHandler(resumeMailingUpdate, ({ by }) => change('running', by, 'resume'), { validator: ({ by }) => assertAllowed('resume', by) });
  setHandler(cancelMailingUpdate, ({ by }) => change('cancelled', by, 'cancel'), { validator: ({ by }) => assertAllowed('cancel', by) });

  ({ total } = await acts.prepareMailing({ bodyId: input.bodyId, mailingId: input.mailingId }));
  if (state === 'preparing') {
    state = 'running';
    await acts.recordMailingState({ bodyId: input.bodyId, mailingId: input.mailingId, state, by: null });
  }

  const batches = planBatches(total, input.batchSize);
  let next = 0;
  const cancelled = () => state === 'cancelled';
  const canStart = () => state === 'running' && next < batches.length && running.size < input.parallelBatches;
  const allDone = () => next >= batches.length && running.size === 0;
  for (;;) {
    await condition(() => cancelled() || canStart() || allDone());
    if (cancelled() || allDone()) break;
    const b = batches[next++]!;
    const handle = await startChild(mailingBatch, {
      workflowId: `${workflowId}:batch-${b.index}`,
      args: [{ bodyId: input.bodyId, mailingId: input.mailingId, index: b.index, from: b.from, to: b.to, chunkSize: input.chunkSize, ratePerSecond: input.ratePerSecond, parallelBatches: Math.min(input.parallelBatches, batches.length), paused: false }],
    });
    running.set(b.index, handle);
    void handle.result().then(
      (c) => {
        counts.set(b.index, c);
        running.delete(b.index);
      },
      () => running.delete(b.index),
    );
  }
  // After a cancel, running batches stop after their current chunk: wait for them so counts are final.
  await condition(() => running.size === 0);
  if (!cancelled()) {
    state = 'completed';
    await acts.recordMailingState({ bodyId: input.bodyId, mailingId: input.mailingId, state, by: null });
  }
  await condition(allHandlersFinished);
  return status();
}
