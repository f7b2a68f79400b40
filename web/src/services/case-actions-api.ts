import type {
  AnswerAppointmentRequest,
  ChangeAnswerDeadlineRequest,
  DesignateMediatorRequest,
  MediationState,
  WithdrawRequest,
} from './api-types';
import { bodyPath, request } from './http';

const casePath = (bodyId: string, caseId: string, rest: string) => bodyPath(bodyId, `/cases/${encodeURIComponent(caseId)}${rest}`);

/**
 * An action on the procedure (a workflow Update): the idempotency key becomes the update's ID, so
 * sending the same key again acts once and answers the same. 409 ACTION_NOT_ALLOWED when the
 * procedure does not allow the action now.
 */
function act(bodyId: string, caseId: string, action: string, body: unknown, idempotencyKey: string): Promise<MediationState> {
  return request<MediationState>('POST', casePath(bodyId, caseId, `/actions/${action}`), {
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

/** The procedure's state as the workflow knows it now (needs cases.read). */
export function getCaseState(bodyId: string, caseId: string): Promise<MediationState> {
  return request<MediationState>('GET', casePath(bodyId, caseId, '/state'));
}

/** Designates the mediator by a criterion, or by hand with a reason (needs cases.advance). */
export function designateMediator(bodyId: string, caseId: string, payload: DesignateMediatorRequest, idempotencyKey: string): Promise<MediationState> {
  return act(bodyId, caseId, 'designate-mediator', payload, idempotencyKey);
}

/** The designated mediator accepts with the signed declaration, or refuses with a reason (appointments.answer). */
export function answerAppointment(bodyId: string, caseId: string, payload: AnswerAppointmentRequest, idempotencyKey: string): Promise<MediationState> {
  return act(bodyId, caseId, 'answer-appointment', payload, idempotencyKey);
}

/** Moves the mediator's term to answer to another future instant (needs cases.advance). */
export function changeAnswerDeadline(bodyId: string, caseId: string, payload: ChangeAnswerDeadlineRequest, idempotencyKey: string): Promise<MediationState> {
  return act(bodyId, caseId, 'change-answer-deadline', payload, idempotencyKey);
}

/** Records the applicant's withdrawal: the case is archived (needs cases.advance). */
export function withdraw(bodyId: string, caseId: string, payload: WithdrawRequest, idempotencyKey: string): Promise<MediationState> {
  return act(bodyId, caseId, 'withdraw', payload, idempotencyKey);
}
