/** The daily closure's contract: one workflow per register and day, one Schedule per register. */

export const PROTOCOL_DAY_WORKFLOW_TYPE = 'protocolDayClosure';
export const PROTOCOL_DAY_SCHEDULED_WORKFLOW_TYPE = 'protocolDayScheduled';
/** The document class of the preservation system for daily registers. */
export const DAILY_REGISTER_CLASS = 'REGISTRI_GIORNALIERI_PROTOCOLLO';

/** Business key: the manager's closure and the scheduled one of the same day are the same workflow. */
export function protocolDayWorkflowId(bodyId: string, registerId: string, day: string): string {
  return `protocol-day:${bodyId}:${registerId}:${day}`;
}

export function protocolDayScheduleId(registerId: string): string {
  return `protocol-day-closure:${registerId}`;
}

export interface ProtocolDayInput {
  bodyId: string;
  registerId: string;
  /** Rome calendar day, YYYY-MM-DD. */
  day: string;
  trigger: 'manual' | 'schedule';
  by: string | null;
}

export interface ProtocolDayResult {
  day: string;
  status: 'preserved' | 'failed';
  closureId: string | null;
  /** The day had been preserved before: nothing was done. */
  alreadyClosed: boolean;
  entryCount: number;
  sealedDocumentId: string | null;
  packageId: string | null;
  errorCode: string | null;
}

export type ProtocolDayWorkflow = (input: ProtocolDayInput) => Promise<ProtocolDayResult>;
export type ProtocolDayScheduledWorkflow = (input: { bodyId: string; registerId: string }) => Promise<ProtocolDayResult[]>;
