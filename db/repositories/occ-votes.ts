import { randomUUID } from 'node:crypto';
import type { Sequelize, Transaction } from 'sequelize';
import { tallyVote, type VoteTally } from '../../domain/occ/vote-tally';
import type { OccVoteChannel, OccVoteView, OccVoteWindowView } from '../../domain/views/occ-economics';
import { appendAudit } from './audit';
import { listOccClaims } from './occ-claims';
import { select } from './protocol/sql';

/** The creditors' vote windows (`occ_vote_windows`) and votes (`occ_votes`) of an OCC file. */
interface WindowRow {
  id: string;
  seq: number;
  opens_at: Date;
  closes_at: Date;
  status: 'open' | 'closed';
  closed_at: Date | null;
  result: VoteTally | null;
}
const W_COLUMNS = 'id, seq, opens_at, closes_at, status, closed_at, result';
const iso = (d: Date) => new Date(d).toISOString();
const toWindow = (r: WindowRow): OccVoteWindowView & { result: VoteTally | null } => ({
  id: r.id,
  seq: r.seq,
  opensAt: iso(r.opens_at),
  closesAt: iso(r.closes_at),
  status: r.status,
  closedAt: r.closed_at ? iso(r.closed_at) : null,
  result: r.result,
});
export type OccVoteWindow = ReturnType<typeof toWindow>;

/** The latest window of the file (open or closed), or null when no vote was ever opened. */
export async function latestOccVoteWindow(sequelize: Sequelize, bodyId: string, caseId: string, transaction?: Transaction, lock = false): Promise<OccVoteWindow | null> {
  const [row] = await select<WindowRow>(
    sequelize,
    `SELECT ${W_COLUMNS} FROM occ_vote_windows WHERE body_id = :bodyId AND case_id = :caseId ORDER BY seq DESC LIMIT 1${lock ? ' FOR UPDATE' : ''}`,
    { bodyId, caseId },
    transaction,
  );
  return row ? toWindow(row) : null;
}

/**
 * Opens a window. Idempotent: when the latest window is open, its terms are kept if equal and
 * updated if the workflow sends new ones (a retried or repeated call never opens a second one).
 */
export async function openOccVoteWindow(sequelize: Sequelize, w: { bodyId: string; caseId: string; opensAt: Date; closesAt: Date; workflowId?: string | null }): Promise<OccVoteWindow> {
  return sequelize.transaction(async (transaction) => {
    const latest = await latestOccVoteWindow(sequelize, w.bodyId, w.caseId, transaction, true);
    if (latest?.status === 'open') {
      if (latest.opensAt === w.opensAt.toISOString() && latest.closesAt === w.closesAt.toISOString()) return latest;
      const [row] = await select<WindowRow>(
        sequelize,
        `UPDATE occ_vote_windows SET opens_at = :opensAt, closes_at = :closesAt WHERE body_id = :bodyId AND id = :id RETURNING ${W_COLUMNS}`,
        { bodyId: w.bodyId, id: latest.id, opensAt: w.opensAt, closesAt: w.closesAt },
        transaction,
      );
      await appendAudit({ bodyId: w.bodyId, userId: null, action: 'occ.vote_window_changed', entityType: 'case', entityId: w.caseId, workflowId: w.workflowId ?? null, details: { windowId: latest.id } }, transaction);
      return toWindow(row!);
    }
    const [row] = await select<WindowRow>(
      sequelize,
      `INSERT INTO occ_vote_windows (id, body_id, case_id, seq, opens_at, closes_at) VALUES (:id, :bodyId, :caseId, :seq, :opensAt, :closesAt)
       RETURNING ${W_COLUMNS}`,
      { id: randomUUID(), bodyId: w.bodyId, caseId: w.caseId, seq: (latest?.seq ?? 0) + 1, opensAt: w.opensAt, closesAt: w.closesAt },
      transaction,
    );
    await appendAudit({ bodyId: w.bodyId, userId: null, action: 'occ.vote_opened', entityType: 'case', entityId: w.caseId, workflowId: w.workflowId ?? null, details: { windowId: row!.id } }, transaction);
    return toWindow(row!);
  });
}

interface VoteRow {
  id: string;
  claim_id: string;
  creditor_name: string;
  choice: 'consent' | 'dissent';
  channel: OccVoteChannel;
  received_at: Date;
  evidence_document_id: string | null;
  late: boolean;
}
const toVote = (r: VoteRow): OccVoteView => ({
  id: r.id,
  claimId: r.claim_id,
  creditorName: r.creditor_name,
  choice: r.choice,
  channel: r.channel,
  receivedAt: iso(r.received_at),
  evidenceDocumentId: r.evidence_document_id,
  late: r.late,
});

export async function listOccVotes(sequelize: Sequelize, bodyId: string, windowId: string, transaction?: Transaction): Promise<OccVoteView[]> {
  const rows = await select<VoteRow>(
    sequelize,
    `SELECT v.id, v.claim_id, c.creditor_name, v.choice, v.channel, v.received_at, v.evidence_document_id, v.late
       FROM occ_votes v JOIN occ_claims c ON c.id = v.claim_id AND c.body_id = v.body_id
      WHERE v.body_id = :bodyId AND v.window_id = :windowId ORDER BY v.received_at, v.id`,
    { bodyId, windowId },
    transaction,
  );
  return rows.map(toVote);
}

export interface InsertVoteInput {
  bodyId: string;
  caseId: string;
  windowId: string;
  claimId: string;
  choice: 'consent' | 'dissent';
  channel: OccVoteChannel;
  receivedAt: Date;
  evidenceDocumentId: string | null;
  late: boolean;
  recordedBy: string | null;
  requestId?: string | null;
}

/** Records a vote with its audit row; 'duplicate' when the claim already has a vote in the term. */
export async function insertOccVote(sequelize: Sequelize, v: InsertVoteInput, transaction: Transaction): Promise<OccVoteView | 'duplicate'> {
  const [row] = await select<{ id: string }>(
    sequelize,
    `INSERT INTO occ_votes (id, body_id, case_id, window_id, claim_id, choice, channel, received_at, evidence_document_id, late, recorded_by)
     VALUES (:id, :bodyId, :caseId, :windowId, :claimId, :choice, :channel, :receivedAt, :evidenceDocumentId, :late, :recordedBy)
     ON CONFLICT (window_id, claim_id) WHERE NOT late DO NOTHING RETURNING id`,
    { id: randomUUID(), ...v, requestId: undefined },
    transaction,
  );
  if (!row) return 'duplicate';
  await appendAudit(
    {
      bodyId: v.bodyId,
      userId: v.recordedBy,
      action: v.late ? 'occ.vote_recorded_late' : 'occ.vote_recorded',
      entityType: 'occ_claim',
      entityId: v.claimId,
      requestId: v.requestId ?? null,
      details: { caseId: v.caseId, windowId: v.windowId, voteId: row.id, choice: v.choice, channel: v.channel },
    },
    transaction,
  );
  const votes = await listOccVotes(sequelize, v.bodyId, v.windowId, transaction);
  return votes.find((x) => x.id === row.id)!;
}

/** Closes the window with its result; idempotent (a closed window keeps its first result). */
export async function closeOccVoteWindow(
  sequelize: Sequelize,
  c: { bodyId: string; caseId: string; windowId: string; result: VoteTally; closedAt: Date; workflowId?: string | null },
  transaction: Transaction,
): Promise<void> {
  const rows = await select<{ id: string }>(
    sequelize,
    `UPDATE occ_vote_windows SET status = 'closed', result = CAST(:result AS jsonb), closed_at = :closedAt
      WHERE body_id = :bodyId AND id = :windowId AND status = 'open' RETURNING id`,
    { bodyId: c.bodyId, windowId: c.windowId, result: JSON.stringify(c.result), closedAt: c.closedAt },
    transaction,
  );
  if (rows.length === 0) return;
  await appendAudit(
    {
      bodyId: c.bodyId,
      userId: null,
      action: 'occ.vote_closed',
      entityType: 'case',
      entityId: c.caseId,
      workflowId: c.workflowId ?? null,
      details: { windowId: c.windowId, approved: c.result.approved, admittedCents: c.result.admittedCents, consentingCents: c.result.consentingCents },
    },
    transaction,
  );
}

/** Tallies a window from the file's claims and the votes received in the term (late ones only counted as late). */
export async function tallyOccWindow(sequelize: Sequelize, bodyId: string, caseId: string, windowId: string, transaction?: Transaction): Promise<VoteTally> {
  const claims = await listOccClaims(sequelize, bodyId, caseId, transaction);
  const votes = await listOccVotes(sequelize, bodyId, windowId, transaction);
  return tallyVote(
    claims.map((c) => ({
      ...c,
      claimId: c.id,
      creditorKey: c.taxId ?? c.creditorName.trim().toLowerCase(),
      vote: votes.find((v) => v.claimId === c.id && !v.late)?.choice ?? null,
      lateVotes: votes.filter((v) => v.claimId === c.id && v.late).length,
    })),
  );
}
