import { ref } from 'vue';
import type {
  AnswerAppointmentRequest,
  AnswerProposalBody,
  AppointExpertBody,
  ChangeAnswerDeadlineRequest,
  ConveneBody,
  DepositMinutesBody,
  DesignateMediatorRequest,
  ExtendDurationBody,
  HoldMeetingBody,
  MakeProposalBody,
  MediationAction,
  MediationState,
  MoveMeetingBody,
  RecordOutcomeBody,
  ScheduleMeetingBody,
  SignMinutesBody,
  WithdrawRequest,
} from '@/services/api-types';
import { answerAppointment, changeAnswerDeadline, designateMediator, getCaseState, withdraw } from '@/services/case-actions-api';
import * as procedureActions from '@/services/procedure-actions-api';
import { ApiError } from '@/services/http';
import { newIdempotencyKey } from '@/services/idempotency';
import { useSessionStore } from '@/stores/session';

/** The actions staff send from the case page (the invited party's adhesion goes through its public link). */
export type StaffAction = Exclude<MediationAction, 'answerAdhesion'>;

/** The body each action sends (docs/api.md, "Case actions"). */
export interface ActionPayloads {
  designateMediator: DesignateMediatorRequest;
  answerAppointment: AnswerAppointmentRequest;
  changeAnswerDeadline: ChangeAnswerDeadlineRequest;
  withdraw: WithdrawRequest;
  convene: ConveneBody;
  scheduleMeeting: ScheduleMeetingBody;
  moveMeeting: MoveMeetingBody;
  holdMeeting: HoldMeetingBody;
  appointExpert: AppointExpertBody;
  makeProposal: MakeProposalBody;
  answerProposal: AnswerProposalBody;
  extendDuration: ExtendDurationBody;
  recordOutcome: RecordOutcomeBody;
  depositMinutes: DepositMinutesBody;
  signMinutes: SignMinutesBody;
}

type ActionCall<A extends StaffAction> = (bodyId: string, caseId: string, payload: ActionPayloads[A], key: string) => Promise<MediationState>;

const calls: { [A in StaffAction]: ActionCall<A> } = {
  designateMediator,
  answerAppointment,
  changeAnswerDeadline,
  withdraw,
  ...procedureActions,
};

/**
 * The procedure's state (GET /state) and its actions for one case. Each submission carries an
 * Idempotency-Key: a fresh one for a new submission, the same one when the very same action is sent
 * again after an unknown outcome (network error, 5xx), so a retry can never act twice. The key is
 * dropped once the API has answered (success, or a 4xx that changed nothing).
 */
export function useCaseProcedure(caseId: () => string) {
  const session = useSessionStore();
  const state = ref<MediationState | null>(null);
  const loading = ref(false);
  const loadError = ref<unknown>(null);
  /** The action being sent, if any. */
  const running = ref<StaffAction | null>(null);
  const actionError = ref<unknown>(null);
  const failedAction = ref<StaffAction | null>(null);
  /** Field errors of the failed action, by path of its body ("reason", "mediatorId"…). */
  const fieldErrors = ref<Record<string, string>>({});
  const pendingRetry = ref(false);
  let pending: { action: StaffAction; body: string; key: string } | null = null;
  let loadSeq = 0;

  async function load(): Promise<void> {
    const bodyId = session.activeBodyId;
    if (!bodyId) return;
    const seq = ++loadSeq;
    loading.value = state.value === null;
    try {
      const next = await getCaseState(bodyId, caseId());
      if (seq !== loadSeq) return;
      state.value = next;
      loadError.value = null;
    } catch (e) {
      if (seq === loadSeq) loadError.value = e;
    } finally {
      if (seq === loadSeq) loading.value = false;
    }
  }

  function clearFeedback(): void {
    actionError.value = null;
    failedAction.value = null;
    fieldErrors.value = {};
    pendingRetry.value = false;
  }

  /** Sends the action; resolves true when the procedure took it (the state is then the answer's). */
  async function run<A extends StaffAction>(action: A, payload: ActionPayloads[A]): Promise<boolean> {
    const bodyId = session.activeBodyId;
    if (running.value || !bodyId) return false;
    clearFeedback();
    const body = JSON.stringify(payload);
    if (!pending || pending.action !== action || pending.body !== body) pending = { action, body, key: newIdempotencyKey() };
    const { key } = pending;
    running.value = action;
    try {
      const call = calls[action] as ActionCall<A>;
      state.value = await call(bodyId, caseId(), payload, key);
      loadSeq++; // an older read in flight must not overwrite the answer
      pending = null;
      return true;
    } catch (e) {
      actionError.value = e;
      failedAction.value = action;
      const outcomeUnknown = !(e instanceof ApiError) || e.isNetworkError || e.status >= 500;
      if (!outcomeUnknown) pending = null;
      pendingRetry.value = outcomeUnknown;
      if (e instanceof ApiError) fieldErrors.value = Object.fromEntries(e.fields.map((f) => [f.path, f.code]));
      // The procedure may have moved on meanwhile (409), or the outcome is unknown: read it again.
      await load();
      return false;
    } finally {
      running.value = null;
    }
  }

  return { state, loading, loadError, running, actionError, failedAction, fieldErrors, pendingRetry, load, run, clearFeedback };
}
