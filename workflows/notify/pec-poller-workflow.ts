/**
 * The PEC receipt poller of one body: reads the mailbox every interval (or at once when signalled),
 * and signals each receipt to the workflow that sent the message. Continues as new after a while so
 * its history stays small.
 */
import { condition, continueAsNew, getExternalWorkflowHandle, log, proxyActivities, setHandler } from '@temporalio/workflow';
import type { createNotifyActivities } from '../../activities/notify';
import { pecReceiptSignal, pollNowSignal, type PecPollerInput } from './contract';

const { pollPecReceipts } = proxyActivities<ReturnType<typeof createNotifyActivities>>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes', backoffCoefficient: 2 },
});

export async function pecReceiptPoller(input: PecPollerInput): Promise<void> {
  let wake = false;
  setHandler(pollNowSignal, () => {
    wake = true;
  });
  for (let i = 0; i < 500; i++) {
    wake = false;
    const r = await pollPecReceipts({ bodyId: input.bodyId });
    for (const s of r.signals) {
      try {
        await getExternalWorkflowHandle(s.workflowId).signal(pecReceiptSignal, s.event);
      } catch (err) {
        // The sender has finished: the receipt is recorded on the message all the same.
        log.info('receipt for a closed workflow', { outboxId: s.event.outboxId, error: String((err as Error).name) });
      }
    }
    await condition(() => wake, input.intervalSeconds * 1000);
  }
  await continueAsNew<typeof pecReceiptPoller>(input);
}
