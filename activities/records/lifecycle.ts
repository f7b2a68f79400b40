/**
 * Read-model side of the mediation after the designation: convocation, adhesions, meetings, the
 * outcome, closing, and the deadline plan. Every function is idempotent (keyed by IDs the workflow
 * chose) and writes its audit row in the same transaction; rule violations become non-retryable
 * failures carrying the domain error code, which the API answers as such.
 */
import { ApplicationFailure } from '@temporalio/activity';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { Config } from '../../config';
import { appendAudit } from '../../db/repositories/audit';
import { deadlinePolicyOf } from '../../db/repositories/designations';
import { findMeeting, insertMeeting, assertRoomFree } from '../../db/repositories/meetings';
import { DomainError } from '../../domain/errors';
import {
  adhesionDeadline,
  assertMeetingWithinWindow,
  listDeadlines,
  parseDeadlinePolicy,
  procedureEnd,
  proposalReplyDeadline,
  reminderInstants,
  type DeadlineCaseState,
  type DeadlineKind,
  type DeadlinePolicy,
} from '../../domain/mediation/deadlines';
import type { MediationType } from '../../domain/mediation/matters';
import type { MeetingMode, OutcomeCode } from '../../domain/mediation/outcomes';
import { hashAdhesionCode, adhesionCodeFor, invitationIdFor } from '../../links/adhesion-link';

export interface MeetingPlanInput {
  startsAt: string;
  durationMinutes: number;
  mode: MeetingMode;
  roomId?: string | null;
}

interface CaseRef {
  bodyId: string;
  caseId: string;
  workflowId: string;
}

/** Rows changed by a raw UPDATE (PostgreSQL's result metadata). */
const rowCount = (meta: unknown): number => (meta as { rowCount?: number } | null)?.rowCount ?? 0;

/** Domain rule violations leave the activity as non-retryable failures with the rule's code. */
async function asFailure<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof DomainError) throw ApplicationFailure.create({ type: err.code, message: err.code, nonRetryable: true, details: [err.fields] });
    throw err;
  }
}

function checkPlan(plan: MeetingPlanInput): { startsAt: Date; endsAt: Date } {
  const startsAt = new Date(plan.startsAt);
  const fields: { path: string; code: string }[] = [];
  if (Number.isNaN(startsAt.getTime())) fields.push({ path: 'startsAt', code: 'invalid' });
  if (!Number.isInteger(plan.durationMinutes) || plan.durationMinutes < 15 || plan.durationMinutes > 600) fields.push({ path: 'durationMinutes', code: 'invalid' });
  if (plan.mode !== 'video' && !plan.roomId) fields.push({ path: 'roomId', code: 'required' });
  if (fields.length) throw new DomainError('VALIDATION_FAILED', fields);
  return { startsAt, endsAt: new Date(startsAt.getTime() + plan.durationMinutes * 60_000) };
}

export function createLifecycleActivities({ sequelize, config }: { sequelize: Sequelize; config: Config }) {
  const policyOf = async (bodyId: string): Promise<DeadlinePolicy> => parseDeadlinePolicy(await deadlinePolicyOf(sequelize, bodyId));
  /**
   * Deadlines as timers see them: real instants, or compressed by DEADLINE_TIME_SCALE around the
   * filing (tests and demos), so a 15-day term can run out in seconds on real durable timers.
   */
  const scaled = (at: Date, filedAt: string): Date => {
    const anchor = Date.parse(filedAt);
    return config.DEADLINE_TIME_SCALE === 1 ? at : new Date(anchor + (at.getTime() - anchor) / config.DEADLINE_TIME_SCALE);
  };
  const audit = (ref: CaseRef, by: string | null, action: string, details: Record<string, unknown>, transaction: Transaction) =>
    appendAudit({ bodyId: ref.bodyId, userId: by, action, entityType: 'case', entityId: ref.caseId, workflowId: ref.workflowId, details }, transaction);
  const setStage = (ref: CaseRef, stage: string, transaction: Transaction, extra = '') =>
    sequelize.query(`UPDATE cases SET stage = :stage, updated_at = now() ${extra} WHERE body_id = :bodyId AND id = :caseId`, {
      replacements: { stage, bodyId: ref.bodyId, caseId: ref.caseId },
      transaction,
    });

  return {
    /**
     * Convenes the invited parties: checks the first meeting against the legal window (unless the
     * parties agreed otherwise), books the room, creates each party's adhesion invitation (hash of
     * the personal code, expiry) and moves the case to CONVOCATA.
     */
    async convene(input: CaseRef & {
      by: string;
      filedAt: string;
      meetingId: string;
      plan: MeetingPlanInput;
      partiesAgreedOtherwise: boolean;
      invitedPositions: number[];
      sentAt: string;
    }) {
      return asFailure(async () => {
        const { startsAt, endsAt } = checkPlan(input.plan);
        const policy = await policyOf(input.bodyId);
        assertMeetingWithinWindow(startsAt, new Date(input.filedAt), policy, { partiesAgreedOtherwise: input.partiesAgreedOtherwise });
        const sentAt = new Date(input.sentAt);
        const invited = input.invitedPositions.map((position) => {
          const due = adhesionDeadline(sentAt, policy, startsAt);
          return { position, dueAt: scaled(due.dueAt, input.filedAt).toISOString(), linkExpiresAt: new Date(Math.max(due.dueAt.getTime(), endsAt.getTime())) };
        });
        await sequelize.transaction(async (transaction) => {
          const created = await insertMeeting(sequelize, transaction, {
            id: input.meetingId, bodyId: input.bodyId, caseId: input.caseId, seq: 1, kind: 'first', startsAt, endsAt, mode: input.plan.mode, roomId: input.plan.roomId ?? null,
          });
          if (!created) return; // a retry: everything below was committed with the meeting
          for (const p of invited) {
            await sequelize.query(
              `INSERT INTO adhesion_invitations (id, body_id, case_id, party_position, code_hash, expires_at)
               VALUES (:id, :bodyId, :caseId, :position, :codeHash, :expiresAt) ON CONFLICT (case_id, party_position) DO NOTHING`,
              {
                replacements: {
                  id: invitationIdFor(input.caseId, p.position), bodyId: input.bodyId, caseId: input.caseId, position: p.position,
                  codeHash: hashAdhesionCode(adhesionCodeFor(config.LINK_SIGNING_SECRET, input.caseId, p.position)), expiresAt: p.linkExpiresAt.toISOString(),
                },
                transaction,
              },
            );
          }
          await setStage(input, 'CONVOCATA', transaction);
          await audit(input, input.by, 'case.convened', { meetingId: input.meetingId, startsAt: startsAt.toISOString(), mode: input.plan.mode, roomId: input.plan.roomId ?? null, partiesAgreedOtherwise: input.partiesAgreedOtherwise }, transaction);
        });
        return {
          meeting: { id: input.meetingId, seq: 1, kind: 'first' as const, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), mode: input.plan.mode, roomId: input.plan.roomId ?? null, status: 'scheduled' as const },
          invited: invited.map(({ position, dueAt }) => ({ position, dueAt })),
        };
      });
    },

    /** Records an invited party's answer in the read model (the API already checked the code and link). */
    async recordAdhesion(input: CaseRef & { position: number; adhere: boolean; details: Record<string, unknown>; at: string; stage: string }) {
      await sequelize.transaction(async (transaction) => {
        const [, meta] = await sequelize.query(
          `UPDATE adhesion_invitations SET answer = :answer, answered_at = :at, answer_details = :details
           WHERE body_id = :bodyId AND case_id = :caseId AND party_position = :position AND answer IS NULL`,
          { replacements: { answer: input.adhere ? 'adhered' : 'refused', at: input.at, details: JSON.stringify(input.details), bodyId: input.bodyId, caseId: input.caseId, position: input.position }, transaction },
        );
        if (rowCount(meta) === 0) return;
        await setStage(input, input.stage, transaction);
        await audit(input, null, input.adhere ? 'case.adhesion_received' : 'case.adhesion_refused', { position: input.position, ...input.details }, transaction);
      });
    },

    /** Books a further meeting (or re-checks a moved one) in the body's room without double booking. */
    async scheduleMeeting(input: CaseRef & { by: string; meetingId: string; seq: number; plan: MeetingPlanInput; stage: string }) {
      return asFailure(async () => {
        const { startsAt, endsAt } = checkPlan(input.plan);
        await sequelize.transaction(async (transaction) => {
          const created = await insertMeeting(sequelize, transaction, {
            id: input.meetingId, bodyId: input.bodyId, caseId: input.caseId, seq: input.seq, kind: 'further', startsAt, endsAt, mode: input.plan.mode, roomId: input.plan.roomId ?? null,
          });
          if (!created) return;
          await setStage(input, input.stage, transaction);
          await audit(input, input.by, 'case.meeting_scheduled', { meetingId: input.meetingId, startsAt: startsAt.toISOString(), mode: input.plan.mode, roomId: input.plan.roomId ?? null }, transaction);
        });
        return { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() };
      });
    },

    /**
     * Moves a scheduled meeting: a mediator only where the body allows it; the first meeting stays in
     * the legal window unless the parties agreed otherwise; the room must be free at the new time.
     */
    async moveMeeting(input: CaseRef & { by: string; byMediator: boolean; meetingId: string; plan: MeetingPlanInput; reason: string; filedAt: string; partiesAgreedOtherwise: boolean }) {
      return asFailure(async () => {
        const { startsAt, endsAt } = checkPlan(input.plan);
        if (input.byMediator) {
          const [row] = await sequelize.query<{ allowed: boolean }>('SELECT mediator_may_move_meetings AS allowed FROM body_settings WHERE body_id = :bodyId', { type: QueryTypes.SELECT, replacements: { bodyId: input.bodyId } });
          if (row && !row.allowed) throw new DomainError('MEETING_MOVE_NOT_ALLOWED');
        }
        await sequelize.transaction(async (transaction) => {
          const meeting = await findMeeting(sequelize, input.bodyId, input.meetingId, transaction);
          if (!meeting || meeting.caseId !== input.caseId) throw new DomainError('VALIDATION_FAILED', [{ path: 'meetingId', code: 'unknown' }]);
          if (meeting.startsAt === startsAt.toISOString() && meeting.endsAt === endsAt.toISOString() && meeting.roomId === (input.plan.roomId ?? null)) return; // retried
          if (meeting.kind === 'first') assertMeetingWithinWindow(startsAt, new Date(input.filedAt), await policyOf(input.bodyId), { partiesAgreedOtherwise: input.partiesAgreedOtherwise });
          await assertRoomFree(sequelize, transaction, { bodyId: input.bodyId, roomId: input.plan.roomId ?? null, startsAt, endsAt, replacing: meeting.id });
          await sequelize.query('UPDATE meetings SET starts_at = :startsAt, ends_at = :endsAt, mode = :mode, room_id = :roomId, updated_at = now() WHERE id = :id', {
            replacements: { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), mode: input.plan.mode, roomId: input.plan.roomId ?? null, id: meeting.id },
            transaction,
          });
          await audit(input, input.by, 'case.meeting_moved', { meetingId: meeting.id, from: meeting.startsAt, to: startsAt.toISOString(), roomId: input.plan.roomId ?? null, reason: input.reason }, transaction);
        });
        return { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() };
      });
    },

    async recordMeetingHeld(input: CaseRef & { by: string; meetingId: string; attendance: unknown; stage: string }) {
      await sequelize.transaction(async (transaction) => {
        const [, meta] = await sequelize.query(
          `UPDATE meetings SET status = 'held', attendance = :attendance, updated_at = now() WHERE body_id = :bodyId AND id = :id AND status = 'scheduled'`,
          { replacements: { attendance: JSON.stringify(input.attendance), bodyId: input.bodyId, id: input.meetingId }, transaction },
        );
        if (rowCount(meta) === 0) return;
        await setStage(input, input.stage, transaction);
        await audit(input, input.by, 'case.meeting_held', { meetingId: input.meetingId }, transaction);
      });
    },

    /** A procedural event without a table of its own (expert, proposal, extension…): stage + audit. */
    async recordEvent(input: CaseRef & { by: string | null; action: string; stage: string; details: Record<string, unknown> }) {
      await sequelize.transaction(async (transaction) => {
        const [done] = await sequelize.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM audit_log WHERE entity_id = :caseId AND action = :action AND details->>'eventKey' = :key`,
          { type: QueryTypes.SELECT, replacements: { caseId: input.caseId, action: input.action, key: String(input.details.eventKey ?? '') }, transaction },
        );
        if (done && done.n > 0 && input.details.eventKey) return;
        await setStage(input, input.stage, transaction);
        await audit(input, input.by, input.action, input.details, transaction);
      });
    },

    async recordOutcome(input: CaseRef & { by: string | null; code: OutcomeCode; stage: string }) {
      await sequelize.transaction(async (transaction) => {
        const [, meta] = await sequelize.query(
          `UPDATE cases SET outcome = :code, stage = :stage, updated_at = now() WHERE body_id = :bodyId AND id = :caseId AND outcome IS NULL`,
          { replacements: { code: input.code, stage: input.stage, bodyId: input.bodyId, caseId: input.caseId }, transaction },
        );
        if (rowCount(meta) === 0) return;
        await audit(input, input.by, 'case.outcome_recorded', { outcome: input.code }, transaction);
      });
    },

    async concludeCase(input: CaseRef & { by: string | null; minutesDocumentId: string; signatureCycleId?: string | null }) {
      await sequelize.transaction(async (transaction) => {
        const [, meta] = await sequelize.query(
          `UPDATE cases SET stage = 'CONCLUSA', closed_at = now(), next_deadline = NULL, updated_at = now() WHERE body_id = :bodyId AND id = :caseId AND stage <> 'CONCLUSA'`,
          { replacements: { bodyId: input.bodyId, caseId: input.caseId }, transaction },
        );
        if (rowCount(meta) === 0) return;
        await audit(input, input.by, 'case.concluded', { minutesDocumentId: input.minutesDocumentId, ...(input.signatureCycleId ? { signatureCycleId: input.signatureCycleId } : {}) }, transaction);
      });
    },

    /** The end of the maximum duration after the agreed extensions, or EXTENSION_NOT_ALLOWED. */
    async procedureDeadline(input: { bodyId: string; filedAt: string; mediationType: MediationType; extensions: { months: number; agreedAt: string }[] }) {
      return asFailure(async () => {
        const policy = await policyOf(input.bodyId);
        // DEMANDATA runs from the judge's order; until that date is recorded, from the filing.
        const end = procedureEnd(new Date(input.filedAt), input.extensions.map((e) => ({ months: e.months, agreedAt: new Date(e.agreedAt) })), policy, input.mediationType);
        return { dueAt: scaled(end.dueAt, input.filedAt).toISOString(), dueDate: end.dueDate };
      });
    },

    async proposalDeadline(input: { bodyId: string; filedAt: string; communicatedAt: string; replyDays?: number }) {
      return asFailure(async () => {
        const due = proposalReplyDeadline(new Date(input.communicatedAt), await policyOf(input.bodyId), input.replyDays);
        return { dueAt: scaled(due.dueAt, input.filedAt).toISOString() };
      });
    },

    /**
     * The case's next deadline and the reminders before it: computed by the domain rules (real
     * calendar), scaled for timers, and written to the read model's `next_deadline`.
     */
    async planDeadlines(input: CaseRef & {
      filedAt: string;
      mediationType: MediationType;
      now: string;
      extensions: { months: number; agreedAt: string }[];
      firstMeeting: { held: boolean; scheduledAt: string | null; partiesAgreedOtherwise: boolean };
      pendingAdhesions: { position: number; dueAt: string }[];
      pendingProposal: { dueAt: string } | null;
      closed: boolean;
    }) {
      const policy = await policyOf(input.bodyId);
      const state: DeadlineCaseState = {
        type: input.mediationType === 'DEMANDATA' ? 'VOLONTARIA' : input.mediationType, // the order's date is not recorded yet: count from the filing
        filedAt: new Date(input.filedAt),
        extensions: input.extensions.map((e) => ({ months: e.months, agreedAt: new Date(e.agreedAt) })),
        closed: input.closed,
        firstMeeting: { held: input.firstMeeting.held, scheduledAt: input.firstMeeting.scheduledAt ? new Date(input.firstMeeting.scheduledAt) : null, partiesAgreedOtherwise: input.firstMeeting.partiesAgreedOtherwise },
      };
      // The legal terms (first meeting, duration) from the domain; the adhesion and proposal terms
      // the workflow already holds (computed when they started).
      const now = new Date(input.now);
      const candidates: { kind: DeadlineKind; dueAt: Date; partyPosition?: number; reminders: Date[] }[] = listDeadlines(state, policy).map((d) => ({
        kind: d.kind,
        dueAt: scaled(d.dueAt, input.filedAt),
        reminders: reminderInstants(d, new Date(input.filedAt), policy).map((r) => scaled(r, input.filedAt)),
      }));
      // Reminders of these are computed on the calendar only in real time (compressed, they would all lie in the past).
      const remindersOf = (kind: DeadlineKind, dueAt: Date) =>
        config.DEADLINE_TIME_SCALE === 1 ? reminderInstants({ kind, dueAt, dueDate: '' }, now, policy) : [];
      for (const a of input.pendingAdhesions) candidates.push({ kind: 'ADHESION', dueAt: new Date(a.dueAt), partyPosition: a.position, reminders: remindersOf('ADHESION', new Date(a.dueAt)) });
      if (input.pendingProposal) {
        const dueAt = new Date(input.pendingProposal.dueAt);
        candidates.push({ kind: 'PROPOSAL_REPLY', dueAt, reminders: remindersOf('PROPOSAL_REPLY', dueAt) });
      }
      const upcoming = candidates.filter((c) => c.dueAt.getTime() > now.getTime()).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
      const next = upcoming[0] ?? null;
      const reminderAt = next?.reminders.find((r) => r.getTime() > now.getTime()) ?? null;
      await sequelize.query('UPDATE cases SET next_deadline = :dueAt WHERE body_id = :bodyId AND id = :caseId', {
        replacements: { dueAt: next ? next.dueAt.toISOString() : null, bodyId: input.bodyId, caseId: input.caseId },
      });
      const end = candidates.find((c) => c.kind === 'PROCEDURE_END');
      return {
        procedureEndsAt: end ? end.dueAt.toISOString() : null,
        next: next ? { kind: next.kind, dueAt: next.dueAt.toISOString(), ...(next.partyPosition !== undefined ? { partyPosition: next.partyPosition } : {}) } : null,
        reminderAt: reminderAt ? reminderAt.toISOString() : null,
      };
    },
  };
}
