/**
 * The Temporal Schedule that re-verifies the preservation archive (digests and index signatures),
 * created idempotently at start-up: `preservation-audit`, one run at a time, missed runs skipped.
 */
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { PRESERVATION_AUDIT_WORKFLOW_TYPE, preservationAuditScheduleId } from '../workflows/preservation/contract';

export async function ensurePreservationAuditSchedule(client: Client, opts: { taskQueue: string; every: string; bodyId?: string | null }): Promise<string> {
  const scheduleId = preservationAuditScheduleId(opts.bodyId ?? null);
  try {
    await client.schedule.create({
      scheduleId,
      spec: { intervals: [{ every: opts.every as `${number}h` }] },
      action: {
        type: 'startWorkflow',
        workflowType: PRESERVATION_AUDIT_WORKFLOW_TYPE,
        taskQueue: opts.taskQueue,
        args: [{ bodyId: opts.bodyId ?? null }],
        workflowId: `${scheduleId}-run`,
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  return scheduleId;
}
