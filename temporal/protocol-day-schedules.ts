/**
 * One Temporal Schedule per protocol register with the automatic closure on: every day at 14:00
 * Europe/Rome (the afternoon of the next day, as the brochure says) it runs `protocolDayScheduled`,
 * which closes every day of the register not yet closed. Created or updated idempotently (at start
 * and whenever a register changes); deleted when the register is inactive or the closure is off.
 */
import { ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy, type Client, type ScheduleOptionsAction, type ScheduleSpec } from '@temporalio/client';
import { AUTO_CLOSE_HOUR } from '../domain/protocol/daily-register';
import { PROTOCOL_ZONE } from '../domain/protocol/numbering';
import { PROTOCOL_DAY_SCHEDULED_WORKFLOW_TYPE, protocolDayScheduleId } from '../workflows/protocol-day/contract';
import { BodyIdAttr, ProcedureKindAttr } from '../workflows/shared/search-attributes';

export interface ScheduledRegister {
  bodyId: string;
  registerId: string;
  /** Active with the automatic closure on. */
  enabled: boolean;
}

export const protocolDaySpec = (): ScheduleSpec => ({ calendars: [{ hour: AUTO_CLOSE_HOUR, minute: 0 }], timezone: PROTOCOL_ZONE });

function action(r: ScheduledRegister, taskQueue: string): ScheduleOptionsAction {
  return {
    type: 'startWorkflow',
    workflowType: PROTOCOL_DAY_SCHEDULED_WORKFLOW_TYPE,
    workflowId: `protocol-day-scheduled:${r.registerId}`,
    taskQueue,
    args: [{ bodyId: r.bodyId, registerId: r.registerId }],
    typedSearchAttributes: [{ key: BodyIdAttr, value: r.bodyId }, { key: ProcedureKindAttr, value: 'protocol_day' }],
  };
}

export async function syncProtocolDaySchedule(client: Client, taskQueue: string, r: ScheduledRegister): Promise<'created' | 'updated' | 'deleted' | 'absent'> {
  const scheduleId = protocolDayScheduleId(r.registerId);
  const handle = client.schedule.getHandle(scheduleId);
  if (!r.enabled) {
    try {
      await handle.delete();
      return 'deleted';
    } catch (err) {
      if (err instanceof ScheduleNotFoundError) return 'absent';
      throw err;
    }
  }
  try {
    await client.schedule.create({
      scheduleId,
      spec: protocolDaySpec(),
      action: action(r, taskQueue),
      // A closure still running (a long preservation) is not started twice; a day missed while down is caught up.
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
      memo: { registerId: r.registerId },
    });
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  await handle.update((previous) => ({ ...previous, spec: protocolDaySpec(), action: action(r, taskQueue), state: { ...previous.state, paused: false } }));
  return 'updated';
}

export async function ensureProtocolDaySchedules(client: Client, taskQueue: string, registers: readonly ScheduledRegister[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const r of registers) out[r.registerId] = await syncProtocolDaySchedule(client, taskQueue, r);
  return out;
}
