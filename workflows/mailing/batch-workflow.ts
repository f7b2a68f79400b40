/**
 * One batch of a mailing (a child workflow): sends its recipients chunk by chunk, tells the parent
 * its counts after each chunk, pauses, resumes or stops between chunks when told, and keeps the
 * channel's rate by making each chunk last at least as long as the rate allows.
 */
import { condition, getExternalWorkflowHandle, proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import type { createNotifyActivities } from '../../activities/notify';
import { effectiveChunkSize, minChunkMillis, planChunks } from '../../domain/notify/mailing';
import { batchControlSignal, batchProgressSignal, type BatchCounts, type BatchInput } from './contract';

const { sendMailingChunk } = proxyActivities<ReturnType<typeof createNotifyActivities>>({
  startToCloseTimeout: '5 minutes',
  // A killed worker is noticed within the heartbeat timeout; the retry resolves what it left half-done.
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2, nonRetryableErrorTypes: ['NOT_FOUND', 'UNKNOWN_BODY', 'PEC_NOT_CONFIGURED'] },
});

export async function mailingBatch(input: BatchInput): Promise<BatchCounts> {
  let paused = input.paused;
  let cancelled = false;
  setHandler(batchControlSignal, (c) => {
    if (c === 'pause') paused = true;
    else if (c === 'resume') paused = false;
    else cancelled = true;
  });
  const parent = workflowInfo().parent;
  const totals: BatchCounts = { sent: 0, failed: 0, skipped: 0 };
  const chunkSize = effectiveChunkSize(input.chunkSize, input.ratePerSecond, input.parallelBatches);
  for (const chunk of planChunks({ from: input.from, to: input.to }, chunkSize)) {
    await condition(() => !paused || cancelled);
    if (cancelled) break;
    const started = Date.now();
    const c = await sendMailingChunk({ bodyId: input.bodyId, mailingId: input.mailingId, from: chunk.from, to: chunk.to });
    totals.sent += c.sent;
    totals.failed += c.failed;
    totals.skipped += c.skipped;
    if (parent) await getExternalWorkflowHandle(parent.workflowId).signal(batchProgressSignal, { index: input.index, ...totals });
    const wait = minChunkMillis(chunk.to - chunk.from + 1, input.ratePerSecond, input.parallelBatches) - (Date.now() - started);
    if (wait > 0) await sleep(wait);
  }
  return totals;
}
