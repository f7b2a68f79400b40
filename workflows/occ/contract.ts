/**
 * The overindebtedness (OCC) workflow's public contract: type, ID, input, Query and Updates (one per
 * user action, named as the action). The API's temporal client and the worker import these.
 */
import type { UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { occActions, type OccAction } from '../../domain/occ/actions';
import type { OccActionBodies, OccFileInput } from '../../domain/occ/file';
import type { OccState } from '../../domain/views/occ-state';

export type { OccState } from '../../domain/views/occ-state';

export const OCC_WORKFLOW_TYPE = 'overindebtedness';

/** Business key: the case UUID, itself derived from the body and the request's idempotency key. */
export function occWorkflowId(bodyId: string, caseId: string): string {
  return `occ:${bodyId}:${caseId}`;
}

/** What a run hands to the next one (continue-as-new): the whole state but the derived parts. */
export type OccCarried = Omit<OccState, 'allowedActions' | 'allowedCourtEvents' | 'phase'> & {
  /** Sequence of recorded steps (idempotency keys of the records). */
  steps: number;
  designationSeq: number;
  quotes: number;
};

export interface OccInput {
  caseId: string;
  bodyId: string;
  filedBy: string;
  filedAt: string;
  file: OccFileInput;
  /** Set by continue-as-new. */
  carried?: OccCarried;
}

export interface OccRegistration {
  caseNumber: string;
  year: number;
  number: number;
}

export type OccActionRequest<K extends OccAction> = OccActionBodies[K] & { by: string };
export type OccWorkflow = (input: OccInput) => Promise<OccState>;

export const occStateQuery = defineQuery<OccState>('occState');
/** Resolves once the file has its register number. */
export const occRegistrationUpdate = defineUpdate<OccRegistration>('occRegistration');

/** One Update per action, named as the action (`issueQuote`, `recordCourtEvent`…). */
export const occActionUpdates = Object.fromEntries(occActions.map((a) => [a, defineUpdate(a)])) as {
  [K in OccAction]: UpdateDefinition<OccState, [OccActionRequest<K>]>;
};
