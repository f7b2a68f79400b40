/**
 * Views of the case file beyond its record (docs/api.md, "Case file"): the timeline, the fees, the
 * body's rooms and the meetings agenda, as api/routes/case-file.ts answers them. Read by the web UI.
 */
import type { FeeOutcome, MediationFeeBreakdown } from '../mediation/fees';
import type { MeetingMode } from '../mediation/outcomes';
import type { MeetingStatus } from './mediation-state';

/** One row of the case's audit trail, oldest first (`action` such as `case.convened`). */
export interface TimelineItem {
  id: string;
  at: string;
  action: string;
  by: { id: string; fullName: string | null } | null;
  /** Codes and references (stage, meeting id, outcome…), never document contents. */
  details: Record<string, unknown> | null;
}

export interface Timeline {
  items: TimelineItem[];
}

/** GET /cases/:id/fees: what each party owes under the body's fee policy (DM 150/2023). */
export interface CaseFees {
  perParty: MediationFeeBreakdown;
  outcome: FeeOutcome;
  /** How many parties the case has. */
  parties: number;
}

export interface RoomView {
  id: string;
  name: string;
  capacity: number;
  branch: { id: string; name: string; city: string | null };
}

/** A meeting in the agenda; in the shared (anonymised) view `subject` and `mediatorId` are null. */
export interface AgendaEntryView {
  id: string;
  caseId: string;
  caseNumber: string;
  seq: number;
  kind: 'first' | 'further';
  startsAt: string;
  endsAt: string;
  mode: MeetingMode;
  roomId: string | null;
  roomName: string | null;
  branchName: string | null;
  status: MeetingStatus;
  subject: string | null;
  mediatorId: string | null;
}
