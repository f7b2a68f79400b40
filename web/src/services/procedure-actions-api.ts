import type {
  AnswerProposalBody,
  AppointExpertBody,
  ConveneBody,
  DepositMinutesBody,
  ExtendDurationBody,
  HoldMeetingBody,
  MakeProposalBody,
  MediationState,
  MoveMeetingBody,
  RecordOutcomeBody,
  ScheduleMeetingBody,
  SignMinutesBody,
} from './api-types';
import { bodyPath, request } from './http';

/**
 * The actions from the convocation to the closing (docs/api.md, "Case actions"): each a workflow
 * Update answering the procedure's new state; the idempotency key becomes the update's ID.
 * convene, answer-proposal, extend-duration, deposit-minutes need cases.advance; the others
 * cases.conduct (the case's mediator, or the secretariat).
 */
function act<B>(action: string) {
  return (bodyId: string, caseId: string, body: B, idempotencyKey: string): Promise<MediationState> =>
    request<MediationState>('POST', bodyPath(bodyId, `/cases/${encodeURIComponent(caseId)}/actions/${action}`), {
      body,
      headers: { 'Idempotency-Key': idempotencyKey },
    });
}

export const convene = act<ConveneBody>('convene');
export const scheduleMeeting = act<ScheduleMeetingBody>('schedule-meeting');
export const moveMeeting = act<MoveMeetingBody>('move-meeting');
export const holdMeeting = act<HoldMeetingBody>('hold-meeting');
export const appointExpert = act<AppointExpertBody>('appoint-expert');
export const makeProposal = act<MakeProposalBody>('make-proposal');
export const answerProposal = act<AnswerProposalBody>('answer-proposal');
export const extendDuration = act<ExtendDurationBody>('extend-duration');
export const recordOutcome = act<RecordOutcomeBody>('record-outcome');
export const depositMinutes = act<DepositMinutesBody>('deposit-minutes');
export const signMinutes = act<SignMinutesBody>('sign-minutes');
