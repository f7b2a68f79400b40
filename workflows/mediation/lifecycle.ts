/**
 * The mediation after the mediator's acceptance (spec mediation.md §1.6–1.13, §1.15 Q5…Q12):
 * convocation with personal adhesion codes, adhesions, meetings (rooms, moves, attendance), the
 * expert, the mediator's proposal with its reply term, extensions of the duration, the outcome
 * with the minutes, the deposit that concludes the case; and the deadline loop that keeps the
 * next deadline visible, reminds the secretariat and acts when a term runs out.
 */
import { ActivityFailure, ApplicationFailure, condition, log, proxyActivities, setHandler, upsertSearchAttributes, uuid4 } from '@temporalio/workflow';
import type { createDocumentActivities } from '../../activities/documents';
import type { createNotifyActivities } from '../../activities/notify';
import type { createRecordsActivities } from '../../activities/records';
import { meetingModes, outcomeCodeFor, outcomeKinds, type OutcomeCode } from '../../domain/mediation/outcomes';
import type { MediationStage } from '../../domain/mediation/stages';
import { NextDeadlineAttr } from '../shared/search-attributes';
import {
  answerAdhesionUpdate,
  answerProposalUpdate,
  appointExpertUpdate,
  conveneUpdate,
  depositMinutesUpdate,
  extendDurationUpdate,
  holdMeetingUpdate,
  makeProposalUpdate,
  moveMeetingUpdate,
  recordOutcomeUpdate,
  scheduleMeetingUpdate,
  type ExpertState,
  type InvitedPartyState,
  type MediationAction,
  type MediationInput,
  type MediationState,
  type MeetingPlan,
  type MeetingState,
  type ProposalState,
} from './contract';
import { isUuid } from './state';
import { installMinutesSignature } from './minutes-signature';
import { installPecConvocation } from './pec-convocation';

const records = proxyActivities<ReturnType<typeof createRecordsActivities>>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2, nonRetryableErrorTypes: ['PayloadKeyUnknown', 'PayloadDecryptionFailed'] },
});
const documents = proxyActivities<ReturnType<typeof createDocumentActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});
const notify = proxyActivities<ReturnType<typeof createNotifyActivities>>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes', backoffCoefficient: 2, nonRetryableErrorTypes: ['UNKNOWN_BODY'] },
});

type RefusalCode = 'ACTION_NOT_ALLOWED' | 'VALIDATION_FAILED' | 'NOT_ASSIGNED_MEDIATOR' | 'LAWYER_REQUIRED';

export interface LifecycleEnv {
  input: MediationInput;
  workflowId: string;
  stage(): MediationStage;
  moveTo(stage: MediationStage): void;
  acceptedMediator(): string | null;
  /** Refuses an action the current state forbids (checks the allowed actions). */
  assertAllowed(action: MediationAction): void;
  refuse(code: RefusalCode, message: string): never;
  /** Runs a message in the background (the procedure never waits for the mail server). */
  background(work: Promise<unknown>): void;
  state(): MediationState;
  /** Behaviour added after the lifecycle's release, each behind its own patch (see workflow.ts). */
  features?: { minutesSignature: boolean; pecConvocation: boolean };
}

/** A rule the activity found broken (window, room, extension…) fails the update with the rule's code. */
async function asUpdateFailure<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.nonRetryable) {
      throw ApplicationFailure.create({ type: err.cause.type ?? 'VALIDATION_FAILED', message: err.cause.message, details: err.cause.details ?? [], nonRetryable: true });
    }
    throw err;
  }
}

export function installLifecycle(env: LifecycleEnv) {
  const { input, workflowId } = env;
  const ref = { bodyId: input.bodyId, caseId: input.caseId, workflowId };
  const invited: InvitedPartyState[] = [];
  const meetings: MeetingState[] = [];
  let expert = null as ExpertState | null;
  let proposal = null as ProposalState | null;
  let outcome = null as MediationState['outcome'];
  let minutesDocumentId = null as string | null;
  let procedureEndsAt = null as string | null;
  const extensions: { months: number; agreedAt: string }[] = [];
  let nextDeadline = null as MediationState['nextDeadline'];
  let partiesAgreedOtherwise = false;
  let lastPresent = null as number[] | null;
  /** Bumped on every change that can move a deadline: the deadline loop re-plans. */
  let version = 0;
  /** One action at a time: validators refuse while a handler is still working. */
  let busy = false;

  const closed = () => env.stage() === 'CONCLUSA' || env.stage() === 'ARCHIVIATA';
  const scheduled = () => meetings.find((m) => m.status === 'scheduled') ?? null;
  const heldCount = () => meetings.filter((m) => m.status === 'held').length;
  const changed = () => void version++;
  const assert = (action: MediationAction) => {
    if (busy) env.refuse('ACTION_NOT_ALLOWED', 'another action on this case is in progress');
    env.assertAllowed(action);
  };
  async function exclusive<T>(work: () => Promise<T>): Promise<T> {
    busy = true;
    try {
      return await work();
    } finally {
      busy = false;
    }
  }
  const checkBy = (by: unknown) => {
    if (!isUuid(by)) env.refuse('VALIDATION_FAILED', 'by must be a user id');
  };
  const checkPlan = (plan: MeetingPlan | undefined) => {
    if (!plan || Number.isNaN(Date.parse(plan.startsAt)) || !Number.isInteger(plan.durationMinutes) || !meetingModes.includes(plan.mode)) {
      env.refuse('VALIDATION_FAILED', 'a meeting needs a start, a duration in minutes and a mode');
    }
    if (plan.mode !== 'video' && !isUuid(plan.roomId)) env.refuse('VALIDATION_FAILED', 'a meeting in person needs a room');
  };
  const placeFacts = (m: MeetingState) => ({ meeting: { startsAt: m.startsAt, mode: m.mode } });
  const say = (step: string, event: Parameters<typeof notify.notifyCase>[0]['event'], audience: Parameters<typeof notify.notifyCase>[0]['audience'], extra: Partial<Parameters<typeof notify.notifyCase>[0]> = {}) =>
    env.background(
      notify.notifyCase({ ...ref, step, event, audience, ...extra }).catch((err: unknown) => log.warn('notice not sent', { step, error: String((err as Error).name) })),
    );
  /** Parties who answer the proposal: the applicants and the invited parties who adhered. */
  const proposalParties = () => [
    ...input.filing.parties.flatMap((p, i) => (p.role === 'applicant' ? [i] : [])),
    ...invited.filter((p) => p.adhesion === 'adhered').map((p) => p.position),
  ];

  async function closeWith(code: OutcomeCode, text: string | null, by: string | null) {
    await records.recordOutcome({ ...ref, by, code, stage: 'VERBALE_IN_FORMAZIONE' });
    const minutes = await documents.produceMinutes({ bodyId: input.bodyId, caseId: input.caseId, outcome: code, text, present: lastPresent, producedAt: new Date().toISOString() });
    minutesDocumentId = minutes.documentId;
    outcome = { code, by, at: new Date().toISOString() };
    env.moveTo('VERBALE_IN_FORMAZIONE');
    changed();
    // Art. 8-bis: minutes of a procedure held online are signed digitally, at once.
    const last = meetings.filter((m) => m.status === 'held').at(-1);
    signature?.minutesProduced(!!last && last.mode !== 'in_person');
  }

  /** The minutes are deposited (as generated, as uploaded signed, or as signed by the cycle): the case is concluded. */
  async function conclude(documentId: string, by: string | null, signatureCycleId: string | null) {
    await records.concludeCase({ ...ref, by, minutesDocumentId: documentId, signatureCycleId });
    minutesDocumentId = documentId;
    env.moveTo('CONCLUSA');
    changed();
    say('concluded', 'concluded', ['applicants', 'invited', 'lawyers', 'mediator'], { facts: { outcome: outcome ? outcome.code : '' } });
  }

  const pec = env.features?.pecConvocation
    ? installPecConvocation({ input, workflowId, invited: (position) => invited.find((p) => p.position === position), background: env.background })
    : null;
  const signature = env.features?.minutesSignature
    ? installMinutesSignature({
        input,
        workflowId,
        minutesDocumentId: () => minutesDocumentId,
        outcome: () => outcome?.code ?? null,
        signingPositions: () => lastPresent ?? proposalParties(),
        assertAllowed: assert,
        refuse: env.refuse,
        deposit: (documentId, cycleId) => exclusive(() => conclude(documentId, null, cycleId)),
        background: env.background,
        state: env.state,
      })
    : null;

  setHandler(
    conveneUpdate,
    (req) =>
      exclusive(async () => {
        const meetingId = uuid4();
        const positions = input.filing.parties.flatMap((p, i) => (p.role === 'invited' ? [i] : []));
        const res = await asUpdateFailure(
          records.convene({ ...ref, by: req.by, filedAt: input.filedAt, meetingId, plan: req.firstMeeting, partiesAgreedOtherwise: !!req.partiesAgreedOtherwise, invitedPositions: positions, sentAt: new Date().toISOString() }),
        );
        meetings.push(res.meeting);
        invited.push(...res.invited.map((p) => ({ position: p.position, adhesion: 'pending' as const, answeredAt: null, dueAt: p.dueAt })));
        partiesAgreedOtherwise = !!req.partiesAgreedOtherwise;
        env.moveTo('CONVOCATA');
        changed();
        const byPec = pec ? await pec.convene(res.invited, res.meeting, req.postalAddresses ?? []) : [];
        say('convened', 'convocation', ['invited'], { invitations: res.invited, facts: placeFacts(res.meeting), ...(byPec.length > 0 ? { byPec } : {}) });
        say('convened-notice', 'convocation-notice', ['applicants', 'lawyers', 'mediator'], { facts: placeFacts(res.meeting) });
        return env.state();
      }),
    {
      validator: (req) => {
        assert('convene');
        checkBy(req.by);
        checkPlan(req.firstMeeting);
      },
    },
  );

  setHandler(
    answerAdhesionUpdate,
    (req) =>
      exclusive(async () => {
        const party = invited.find((p) => p.position === req.position)!;
        const at = new Date().toISOString();
        const details = req.adhere
          ? { lawyer: req.lawyer ?? null, documentIds: req.documentIds ?? [] }
          : { refusalReason: req.refusalReason ?? null, documentIds: req.documentIds ?? [] };
        await records.recordAdhesion({ ...ref, position: req.position, adhere: req.adhere, details, at, stage: 'IN_ATTESA_PRIMO_INCONTRO' });
        party.adhesion = req.adhere ? 'adhered' : 'refused';
        party.answeredAt = at;
        env.moveTo('IN_ATTESA_PRIMO_INCONTRO');
        changed();
        const p = input.filing.parties[req.position]!.person;
        const partyName = p.kind === 'person' ? `${p.firstName} ${p.lastName}` : p.companyName;
        say(`adhesion-${req.position}`, 'adhesion-answered', ['secretariat', 'mediator', 'lawyers'], { facts: { partyName, adhered: req.adhere } });
        return env.state();
      }),
    {
      validator: (req) => {
        assert('answerAdhesion');
        const party = invited.find((p) => p.position === req.position);
        if (!party || (party.adhesion !== 'pending' && party.adhesion !== 'no_answer')) env.refuse('ACTION_NOT_ALLOWED', 'this party has already answered');
        const type = input.filing.mediationType;
        if (req.adhere && (type === 'OBBLIGATORIA' || type === 'DEMANDATA') && !req.lawyer) env.refuse('LAWYER_REQUIRED', 'a lawyer is required');
      },
    },
  );

  setHandler(
    moveMeetingUpdate,
    (req) =>
      exclusive(async () => {
        const meeting = meetings.find((m) => m.id === req.meetingId)!;
        const res = await asUpdateFailure(
          records.moveMeeting({
            ...ref, by: req.by, byMediator: req.by === env.acceptedMediator(), meetingId: req.meetingId, plan: req.meeting, reason: req.reason, filedAt: input.filedAt,
            partiesAgreedOtherwise: partiesAgreedOtherwise || !!req.partiesAgreedOtherwise,
          }),
        );
        Object.assign(meeting, { startsAt: res.startsAt, endsAt: res.endsAt, mode: req.meeting.mode, roomId: req.meeting.roomId ?? null });
        if (meeting.kind === 'first' && req.partiesAgreedOtherwise) partiesAgreedOtherwise = true;
        changed();
        say(`moved-${meeting.id}-${version}`, 'meeting-moved', ['applicants', 'invited', 'lawyers', 'mediator'], { facts: placeFacts(meeting) });
        return env.state();
      }),
    {
      validator: (req) => {
        assert('moveMeeting');
        checkBy(req.by);
        checkPlan(req.meeting);
        if (scheduled()?.id !== req.meetingId) env.refuse('VALIDATION_FAILED', 'only the scheduled meeting can be moved');
        if (!req.reason?.trim()) env.refuse('VALIDATION_FAILED', 'moving a meeting needs a reason');
      },
    },
  );

  setHandler(
    holdMeetingUpdate,
    (req) =>
      exclusive(async () => {
        const meeting = meetings.find((m) => m.id === req.meetingId)!;
        const next: MediationStage = meeting.kind === 'first' ? 'PRIMO_INCONTRO_TENUTO' : 'IN_CORSO';
        await records.recordMeetingHeld({ ...ref, by: req.by, meetingId: req.meetingId, attendance: req.attendance, stage: next });
        meeting.status = 'held';
        lastPresent = req.attendance.filter((a) => a.present).map((a) => a.position);
        env.moveTo(next);
        changed();
        return env.state();
      }),
    {
      validator: (req) => {
        assert('holdMeeting');
        checkBy(req.by);
        if (scheduled()?.id !== req.meetingId) env.refuse('VALIDATION_FAILED', 'this meeting is not the scheduled one');
        if (!Array.isArray(req.attendance) || req.attendance.some((a: { position: number }) => !input.filing.parties[a.position])) env.refuse('VALIDATION_FAILED', 'attendance must name parties of the case');
      },
    },
  );

  setHandler(
    scheduleMeetingUpdate,
    (req) =>
      exclusive(async () => {
        const id = uuid4();
        const res = await asUpdateFailure(records.scheduleMeeting({ ...ref, by: req.by, meetingId: id, seq: meetings.length + 1, plan: req.meeting, stage: 'IN_CORSO' }));
        const meeting: MeetingState = { id, seq: meetings.length + 1, kind: 'further', startsAt: res.startsAt, endsAt: res.endsAt, mode: req.meeting.mode, roomId: req.meeting.roomId ?? null, status: 'scheduled' };
        meetings.push(meeting);
        env.moveTo('IN_CORSO');
        changed();
        say(`meeting-${meeting.seq}`, 'meeting-scheduled', ['applicants', 'invited', 'lawyers', 'mediator'], { facts: placeFacts(meeting) });
        return env.state();
      }),
    {
      validator: (req) => {
        assert('scheduleMeeting');
        checkBy(req.by);
        checkPlan(req.meeting);
        if (Date.parse(req.meeting.startsAt) <= Date.now()) env.refuse('VALIDATION_FAILED', 'a new meeting must be in the future');
      },
    },
  );

  setHandler(
    appointExpertUpdate,
    (req) =>
      exclusive(async () => {
        await records.recordEvent({ ...ref, by: req.by, action: 'case.expert_appointed', stage: 'IN_CORSO', details: { eventKey: 'expert', producibleInCourt: req.producibleInCourt } });
        expert = { name: req.name.trim(), question: req.question.trim(), producibleInCourt: !!req.producibleInCourt, appointedAt: new Date().toISOString() };
        env.moveTo('IN_CORSO');
        return env.state();
      }),
    {
      validator: (req) => {
        assert('appointExpert');
        checkBy(req.by);
        if (!req.name?.trim() || !req.question?.trim()) env.refuse('VALIDATION_FAILED', 'the expert needs a name and a question');
      },
    },
  );

  setHandler(
    makeProposalUpdate,
    (req) =>
      exclusive(async () => {
        const communicatedAt = new Date().toISOString();
        const due = await asUpdateFailure(records.proposalDeadline({ bodyId: input.bodyId, filedAt: input.filedAt, communicatedAt, ...(req.replyDays !== undefined ? { replyDays: req.replyDays } : {}) }));
        const seq = (proposal?.seq ?? 0) + 1;
        await records.recordEvent({ ...ref, by: req.by, action: 'case.proposal_made', stage: 'PROPOSTA_PENDENTE', details: { eventKey: `proposal-${seq}`, replyDueAt: due.dueAt } });
        proposal = { seq, communicatedAt, replyDueAt: due.dueAt, replies: [], status: 'pending' };
        env.moveTo('PROPOSTA_PENDENTE');
        changed();
        say(`proposal-${seq}`, 'proposal', ['applicants', 'invited', 'lawyers'], { facts: { dueAt: due.dueAt }, positions: proposalParties() });
        return env.state();
      }),
    {
      validator: (req) => {
        assert('makeProposal');
        checkBy(req.by);
        if (!req.text?.trim()) env.refuse('VALIDATION_FAILED', 'the proposal needs its text');
      },
    },
  );

  setHandler(
    answerProposalUpdate,
    (req) =>
      exclusive(async () => {
        const p = proposal!;
        await records.recordEvent({ ...ref, by: req.by, action: 'case.proposal_answered', stage: 'PROPOSTA_PENDENTE', details: { eventKey: `proposal-${p.seq}-${req.position}`, position: req.position, accepted: req.accepted } });
        p.replies.push({ position: req.position, accepted: req.accepted, at: new Date().toISOString() });
        if (!req.accepted) {
          await records.recordEvent({ ...ref, by: req.by, action: 'case.proposal_rejected', stage: 'IN_CORSO', details: { eventKey: `proposal-${p.seq}-rejected` } });
          p.status = 'rejected';
          env.moveTo('IN_CORSO');
        } else if (proposalParties().every((pos) => p.replies.some((r) => r.position === pos && r.accepted))) {
          p.status = 'accepted';
          await closeWith('ACCORDO_SU_PROPOSTA', null, req.by);
        }
        changed();
        return env.state();
      }),
    {
      validator: (req) => {
        assert('answerProposal');
        checkBy(req.by);
        if (!proposalParties().includes(req.position)) env.refuse('VALIDATION_FAILED', 'this party does not answer the proposal');
        if (proposal?.replies.some((r) => r.position === req.position)) env.refuse('ACTION_NOT_ALLOWED', 'this party has already answered');
      },
    },
  );

  setHandler(
    extendDurationUpdate,
    (req) =>
      exclusive(async () => {
        const next = [...extensions, { months: req.months, agreedAt: new Date(req.agreedAt).toISOString() }];
        const end = await asUpdateFailure(records.procedureDeadline({ bodyId: input.bodyId, filedAt: input.filedAt, mediationType: input.filing.mediationType, extensions: next }));
        await records.recordEvent({ ...ref, by: req.by, action: 'case.duration_extended', stage: env.stage(), details: { eventKey: `extension-${next.length}`, months: req.months, dueDate: end.dueDate } });
        extensions.push(next[next.length - 1]!);
        procedureEndsAt = end.dueAt;
        changed();
        return env.state();
      }),
    {
      validator: (req) => {
        assert('extendDuration');
        checkBy(req.by);
        if (!Number.isInteger(req.months) || Number.isNaN(Date.parse(req.agreedAt))) env.refuse('VALIDATION_FAILED', 'an extension needs whole months and the date of the agreement');
      },
    },
  );

  setHandler(
    recordOutcomeUpdate,
    (req) =>
      exclusive(async () => {
        await closeWith(outcomeCodeFor(req.kind, heldCount()), req.text?.trim() || null, req.by);
        return env.state();
      }),
    {
      validator: (req) => {
        assert('recordOutcome');
        checkBy(req.by);
        if (!outcomeKinds.includes(req.kind)) env.refuse('VALIDATION_FAILED', 'unknown outcome');
        if (req.kind === 'agreement' && !req.text?.trim()) env.refuse('VALIDATION_FAILED', 'an agreement needs its text');
      },
    },
  );

  setHandler(
    depositMinutesUpdate,
    (req) =>
      exclusive(async () => {
        if (signature) await conclude(req.signedDocumentId ?? minutesDocumentId!, req.by, null);
        else {
          // As released before the minutes' signature cycle (kept for the histories of that version).
          const documentId = req.signedDocumentId ?? minutesDocumentId!;
          await records.concludeCase({ ...ref, by: req.by, minutesDocumentId: documentId });
          minutesDocumentId = documentId;
          env.moveTo('CONCLUSA');
          changed();
          say('concluded', 'concluded', ['applicants', 'invited', 'lawyers', 'mediator'], { facts: { outcome: outcome ? outcome.code : '' } });
        }
        return env.state();
      }),
    {
      validator: (req) => {
        assert('depositMinutes');
        checkBy(req.by);
        if (req.signedDocumentId != null && !isUuid(req.signedDocumentId)) env.refuse('VALIDATION_FAILED', 'signedDocumentId must be a document id');
      },
    },
  );

  /** A term ran out: act as the rules say, and tell the secretariat. */
  async function expire(next: NonNullable<MediationState['nextDeadline']>) {
    say(`expired-${next.kind}-${next.partyPosition ?? ''}-${next.dueAt}`, 'deadline-reminder', ['secretariat'], { facts: { deadlineKind: next.kind, dueAt: next.dueAt } });
    if (next.kind === 'ADHESION') {
      const party = invited.find((p) => p.position === next.partyPosition);
      if (party?.adhesion === 'pending') party.adhesion = 'no_answer';
    } else if (next.kind === 'PROPOSAL_REPLY' && proposal?.status === 'pending') {
      // Silence is rejection (art. 11). The state changes together, after the record is written.
      const p = proposal;
      await records.recordEvent({ ...ref, by: null, action: 'case.proposal_rejected', stage: 'IN_CORSO', details: { eventKey: `proposal-${p.seq}-rejected`, silence: true } });
      p.status = 'rejected';
      env.moveTo('IN_CORSO');
    } else if (next.kind === 'PROCEDURE_END' && !closed() && env.stage() !== 'VERBALE_IN_FORMAZIONE' && env.acceptedMediator()) {
      // The maximum duration has passed: the procedure closes without agreement (OdM practice, spec §1.15).
      await exclusive(() => closeWith(outcomeCodeFor('no_agreement', Math.max(2, heldCount())), 'Termine di durata massima del procedimento scaduto (art. 6 d.lgs. 28/2010).', null));
    }
    changed();
  }

  /** Keeps the next deadline visible and acts on it, until the case is closed. */
  async function deadlineLoop(): Promise<void> {
    while (!closed()) {
      const seen = version;
      const first = meetings.find((m) => m.kind === 'first');
      const plan = await records.planDeadlines({
        ...ref,
        filedAt: input.filedAt,
        mediationType: input.filing.mediationType,
        now: new Date().toISOString(),
        extensions,
        firstMeeting: { held: first?.status === 'held', scheduledAt: first?.startsAt ?? null, partiesAgreedOtherwise },
        pendingAdhesions: invited.filter((p) => p.adhesion === 'pending').map((p) => ({ position: p.position, dueAt: p.dueAt })),
        pendingProposal: proposal?.status === 'pending' ? { dueAt: proposal.replyDueAt } : null,
        closed: closed() || env.stage() === 'VERBALE_IN_FORMAZIONE',
      });
      nextDeadline = plan.next as MediationState['nextDeadline'];
      if (plan.procedureEndsAt) procedureEndsAt = plan.procedureEndsAt;
      if (env.acceptedMediator()) upsertSearchAttributes([{ key: NextDeadlineAttr, value: plan.next ? new Date(plan.next.dueAt) : null }]);
      const wakeAt = Math.min(...[plan.reminderAt, plan.next?.dueAt].filter((x): x is string => !!x).map((x) => Date.parse(x)));
      if (!Number.isFinite(wakeAt)) {
        await condition(() => closed() || version !== seen);
        continue;
      }
      const interrupted = await condition(() => closed() || version !== seen, Math.max(1, wakeAt - Date.now()));
      if (interrupted || closed()) continue;
      if (plan.next && Date.parse(plan.next.dueAt) <= Date.now()) await expire(plan.next);
      else if (plan.next && plan.reminderAt) {
        say(`reminder-${plan.next.kind}-${plan.next.partyPosition ?? ''}-${plan.reminderAt}`, 'deadline-reminder', ['secretariat'], { facts: { deadlineKind: plan.next.kind, dueAt: plan.next.dueAt } });
      }
    }
    nextDeadline = null;
    upsertSearchAttributes([{ key: NextDeadlineAttr, value: null }]);
  }

  return {
    snapshot: () => ({
      invited: invited.map((p) => ({ ...p })),
      meetings: meetings.map((m) => ({ ...m })),
      expert,
      proposal: proposal ? { ...proposal, replies: [...proposal.replies] } : null,
      outcome,
      minutesDocumentId,
      procedureEndsAt,
      extensions: [...extensions],
      nextDeadline,
      ...(signature ? { minutesSignature: signature.snapshot() } : {}),
    }),
    context: () => ({
      lifecycle: true,
      minutesSignature: signature !== null,
      minutesSigning: signature?.signing() ?? false,
      awaitingAdhesion: invited.some((p) => p.adhesion === 'pending' || p.adhesion === 'no_answer') && !meetings.some((m) => m.kind === 'first' && m.status === 'held'),
      meetingScheduled: scheduled() !== null,
      expertAppointed: expert !== null,
    }),
    closed,
    deadlineLoop,
  };
}
