import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { DomainError } from '../../domain/errors';
import type { MeetingMode } from '../../domain/mediation/outcomes';
import type { MeetingState } from '../../domain/views/mediation-state';

/** A meeting as the workflow knows it, with its case. */
export interface MeetingRow extends MeetingState {
  caseId: string;
}

export interface BookMeetingInput {
  id: string;
  bodyId: string;
  caseId: string;
  seq: number;
  kind: 'first' | 'further';
  startsAt: Date;
  endsAt: Date;
  mode: MeetingMode;
  roomId: string | null;
}

/**
 * Books the room for the meeting's time, or refuses with ROOM_ALREADY_BOOKED. The room's row is
 * locked for the transaction, so two bookings of one room are decided one after the other: no
 * double booking under concurrency. `replacing` is a meeting of the same case being moved (its own
 * slot does not count as a conflict).
 */
export async function assertRoomFree(
  sequelize: Sequelize,
  transaction: Transaction,
  m: { bodyId: string; roomId: string | null; startsAt: Date; endsAt: Date; replacing?: string },
): Promise<void> {
  if (!m.roomId) return;
  const [room] = await sequelize.query<{ id: string }>('SELECT id FROM rooms WHERE body_id = :bodyId AND id = :roomId FOR UPDATE', {
    type: QueryTypes.SELECT,
    replacements: { bodyId: m.bodyId, roomId: m.roomId },
    transaction,
  });
  if (!room) throw new DomainError('ROOM_NOT_FOUND', [{ path: 'roomId', code: 'unknown' }]);
  const [clash] = await sequelize.query<{ id: string }>(
    `SELECT id FROM meetings WHERE body_id = :bodyId AND room_id = :roomId AND status = 'scheduled'
       AND id <> :replacing AND tstzrange(starts_at, ends_at) && tstzrange(:startsAt, :endsAt) LIMIT 1`,
    {
      type: QueryTypes.SELECT,
      replacements: { ...m, startsAt: m.startsAt.toISOString(), endsAt: m.endsAt.toISOString(), replacing: m.replacing ?? '00000000-0000-0000-0000-000000000000' },
      transaction,
    },
  );
  if (clash) throw new DomainError('ROOM_ALREADY_BOOKED', [{ path: 'roomId', code: 'booked' }]);
}

/** Inserts the meeting (idempotent on its id: a retried activity finds it booked). Returns false if it existed. */
export async function insertMeeting(sequelize: Sequelize, transaction: Transaction, m: BookMeetingInput): Promise<boolean> {
  const [existing] = await sequelize.query<{ id: string }>('SELECT id FROM meetings WHERE id = :id', { type: QueryTypes.SELECT, replacements: { id: m.id }, transaction });
  if (existing) return false;
  await assertRoomFree(sequelize, transaction, m);
  await sequelize.query(
    `INSERT INTO meetings (id, body_id, case_id, seq, kind, starts_at, ends_at, mode, room_id)
     VALUES (:id, :bodyId, :caseId, :seq, :kind, :startsAt, :endsAt, :mode, :roomId)`,
    { replacements: { ...m, startsAt: m.startsAt.toISOString(), endsAt: m.endsAt.toISOString() }, transaction },
  );
  return true;
}

interface Row {
  id: string;
  case_id: string;
  seq: number;
  kind: MeetingRow['kind'];
  starts_at: Date;
  ends_at: Date;
  mode: MeetingMode;
  room_id: string | null;
  status: MeetingRow['status'];
}
const toMeeting = (r: Row): MeetingRow => ({
  id: r.id,
  caseId: r.case_id,
  seq: r.seq,
  kind: r.kind,
  startsAt: new Date(r.starts_at).toISOString(),
  endsAt: new Date(r.ends_at).toISOString(),
  mode: r.mode,
  roomId: r.room_id,
  status: r.status,
});

export async function findMeeting(sequelize: Sequelize, bodyId: string, id: string, transaction?: Transaction): Promise<MeetingRow | null> {
  const [row] = await sequelize.query<Row>('SELECT * FROM meetings WHERE body_id = :bodyId AND id = :id', {
    type: QueryTypes.SELECT,
    replacements: { bodyId, id },
    ...(transaction ? { transaction } : {}),
  });
  return row ? toMeeting(row) : null;
}

export interface AgendaEntry extends MeetingRow {
  caseNumber: string;
  /** Null in the anonymised agenda. */
  subject: string | null;
  mediatorId: string | null;
  roomName: string | null;
  branchName: string | null;
}

/**
 * Meetings of the body in a period, optionally of one mediator's cases or of one room. `anonymised`
 * hides the case data of every meeting but those of `viewerId`'s own cases.
 */
export async function listAgenda(
  sequelize: Sequelize,
  bodyId: string,
  q: { from: Date; to: Date; mediatorId?: string; roomId?: string; anonymised?: boolean; viewerId?: string },
): Promise<AgendaEntry[]> {
  const rows = await sequelize.query<Row & { case_number: string; subject: string; mediator_id: string | null; room_name: string | null; branch_name: string | null }>(
    `SELECT m.*, c.case_number, c.subject, c.mediator_id, r.name AS room_name, b.name AS branch_name
     FROM meetings m JOIN cases c ON c.id = m.case_id
     LEFT JOIN rooms r ON r.id = m.room_id LEFT JOIN branches b ON b.id = r.branch_id
     WHERE m.body_id = :bodyId AND m.status <> 'cancelled' AND m.starts_at < :to AND m.ends_at > :from
       ${q.mediatorId ? 'AND c.mediator_id = :mediatorId' : ''} ${q.roomId ? 'AND m.room_id = :roomId' : ''}
     ORDER BY m.starts_at, m.id`,
    { type: QueryTypes.SELECT, replacements: { bodyId, from: q.from.toISOString(), to: q.to.toISOString(), mediatorId: q.mediatorId ?? null, roomId: q.roomId ?? null } },
  );
  return rows.map((r) => {
    const hidden = q.anonymised === true && (q.viewerId === undefined || r.mediator_id !== q.viewerId);
    return {
      ...toMeeting(r),
      caseNumber: r.case_number,
      subject: hidden ? null : r.subject,
      mediatorId: hidden ? null : r.mediator_id,
      roomName: r.room_name,
      branchName: r.branch_name,
    };
  });
}
