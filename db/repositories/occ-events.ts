import { QueryTypes, type Sequelize } from 'sequelize';

export interface OccEventView {
  kind: string;
  date: string;
  documentId: string | null;
  details: Record<string, unknown>;
  recordedAt: string;
  recordedBy: { id: string; fullName: string } | null;
}

/** The file's timeline: every recorded step, oldest first (tenant-scoped). */
export async function listOccEvents(sequelize: Sequelize, bodyId: string, caseId: string): Promise<OccEventView[]> {
  const rows = await sequelize.query<{ kind: string; event_date: string; document_id: string | null; details: Record<string, unknown>; recorded_at: Date; user_id: string | null; full_name: string | null }>(
    `SELECT e.kind, to_char(e.event_date, 'YYYY-MM-DD') AS event_date, e.document_id, e.details, e.recorded_at, u.id AS user_id, u.full_name
     FROM occ_events e LEFT JOIN users u ON u.id = e.recorded_by
     WHERE e.body_id = :bodyId AND e.case_id = :caseId ORDER BY e.recorded_at, e.event_key`,
    { type: QueryTypes.SELECT, replacements: { bodyId, caseId } },
  );
  return rows.map((r) => ({
    kind: r.kind, date: r.event_date, documentId: r.document_id, details: r.details, recordedAt: new Date(r.recorded_at).toISOString(),
    recordedBy: r.user_id ? { id: r.user_id, fullName: r.full_name ?? '' } : null,
  }));
}
