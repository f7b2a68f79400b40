/**
 * Daily closures of the registers (the control panel's rows) and the content of a day's register:
 * the entries registered that Rome day, then the annulments and annotations made that day to
 * entries of the register.
 */
import { randomUUID } from 'node:crypto';
import type { Sequelize } from 'sequelize';
import { correspondentName, type Correspondent } from '../../../domain/protocol/entry';
import { dayBounds, previousDay, type DailyRegisterChange, type DailyRegisterEntry } from '../../../domain/protocol/daily-register';
import { protocolDay } from '../../../domain/protocol/numbering';
import type { DayClosureStatus, DayClosureView } from '../../../domain/views/protocol';
import { appendAudit } from '../audit';
import { execute, iso, select } from './sql';

export async function dailyRegisterContent(sequelize: Sequelize, bodyId: string, registerId: string, day: string): Promise<{ entries: DailyRegisterEntry[]; changes: DailyRegisterChange[] }> {
  const { start, end } = dayBounds(day);
  const replacements = { bodyId, registerId, start, end };
  const entries = await select<{ id: string; year: number; number: number; registered_at: Date; direction: string; subject: string; classification_code: string; correspondents: Correspondent[]; annulled: boolean }>(
    sequelize,
    `SELECT id, year, number, registered_at, direction, subject, classification_code, correspondents, annulled_at IS NOT NULL AS annulled
     FROM protocol_entries WHERE body_id = :bodyId AND register_id = :registerId AND registered_at >= :start AND registered_at < :end
     ORDER BY year, number`,
    replacements,
  );
  const ids = entries.map((e) => e.id);
  const docs = ids.length
    ? await select<{ entry_id: string; filename: string; sha256: string }>(
        sequelize,
        `SELECT a.entry_id, d.filename, d.sha256 FROM protocol_attachments a JOIN documents d ON d.id = a.document_id AND d.body_id = a.body_id
         WHERE a.body_id = :bodyId AND a.entry_id IN (:ids) ORDER BY a.entry_id, a.position`,
        { bodyId, ids },
      )
    : [];
  const files = ids.length
    ? await select<{ entry_id: string; code: string }>(
        sequelize,
        `SELECT l.entry_id, COALESCE(c.case_number, f.code) AS code FROM protocol_file_links l
         LEFT JOIN cases c ON c.id = l.case_id AND c.body_id = l.body_id LEFT JOIN protocol_files f ON f.id = l.file_id AND f.body_id = l.body_id
         WHERE l.body_id = :bodyId AND l.entry_id IN (:ids) AND l.linked_at < :end ORDER BY l.seq`,
        { bodyId, ids, end },
      )
    : [];
  const changes = await select<{ kind: 'annulment' | 'annotation'; year: number; number: number; at: Date; text: string }>(
    sequelize,
    `SELECT 'annulment' AS kind, e.year, e.number, e.annulled_at AS at,
            e.annulment_reason || COALESCE(' (' || e.annulment_measure || ')', '') AS text
     FROM protocol_entries e WHERE e.body_id = :bodyId AND e.register_id = :registerId AND e.annulled_at >= :start AND e.annulled_at < :end
     UNION ALL
     SELECT 'annotation', e.year, e.number, a.created_at, a.text
     FROM protocol_annotations a JOIN protocol_entries e ON e.id = a.entry_id AND e.body_id = a.body_id
     WHERE a.body_id = :bodyId AND e.register_id = :registerId AND a.created_at >= :start AND a.created_at < :end
     ORDER BY at, number`,
    replacements,
  );
  return {
    entries: entries.map((e) => ({
      year: e.year,
      number: e.number,
      registeredAt: iso(e.registered_at),
      direction: e.direction,
      subject: e.subject,
      classificationCode: e.classification_code,
      correspondents: e.correspondents.map(correspondentName),
      fileCode: files.find((f) => f.entry_id === e.id)?.code ?? null,
      documents: docs.filter((d) => d.entry_id === e.id).map((d) => ({ filename: d.filename, sha256: d.sha256 })),
      annulled: e.annulled,
    })),
    changes: changes.map((c) => ({ kind: c.kind, year: c.year, number: c.number, at: iso(c.at), text: c.text })),
  };
}

interface ClosureRow {
  id: string;
  register_id: string;
  register_code: string;
  day: string;
  status: DayClosureStatus;
  trigger: 'manual' | 'schedule';
  entry_count: number;
  change_count: number;
  pdf_document_id: string | null;
  xml_document_id: string | null;
  sealed_document_id: string | null;
  preservation_id: string | null;
  error_code: string | null;
  attempts: number;
  workflow_id: string;
  started_at: Date;
  finished_at: Date | null;
}

const toView = (r: ClosureRow): DayClosureView => ({
  id: r.id, registerId: r.register_id, registerCode: r.register_code, day: r.day, status: r.status, trigger: r.trigger,
  entryCount: r.entry_count, changeCount: r.change_count, pdfDocumentId: r.pdf_document_id, xmlDocumentId: r.xml_document_id,
  sealedDocumentId: r.sealed_document_id, preservationId: r.preservation_id, errorCode: r.error_code, attempts: r.attempts,
  workflowId: r.workflow_id, startedAt: iso(r.started_at), finishedAt: r.finished_at ? iso(r.finished_at) : null,
});

const CLOSURE_SELECT = `SELECT c.id, c.register_id, r.code AS register_code, to_char(c.day, 'YYYY-MM-DD') AS day, c.status, c.trigger, c.entry_count,
  c.change_count, c.pdf_document_id, c.xml_document_id, c.sealed_document_id, c.preservation_id, c.error_code, c.attempts, c.workflow_id,
  c.started_at, c.finished_at FROM protocol_day_closures c JOIN protocol_registers r ON r.id = c.register_id AND r.body_id = c.body_id`;

export async function listClosures(sequelize: Sequelize, bodyId: string, q: { registerId?: string | undefined; limit: number }): Promise<DayClosureView[]> {
  const rows = await select<ClosureRow>(
    sequelize,
    `${CLOSURE_SELECT} WHERE c.body_id = :bodyId AND (:registerId::uuid IS NULL OR c.register_id = :registerId) ORDER BY c.day DESC, r.code LIMIT :limit`,
    { bodyId, registerId: q.registerId ?? null, limit: q.limit },
  );
  return rows.map(toView);
}

export async function getClosure(sequelize: Sequelize, bodyId: string, id: string): Promise<DayClosureView | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await select<ClosureRow>(sequelize, `${CLOSURE_SELECT} WHERE c.body_id = :bodyId AND c.id = :id`, { bodyId, id });
  return row ? toView(row) : null;
}

export async function findClosure(sequelize: Sequelize, bodyId: string, registerId: string, day: string): Promise<DayClosureView | null> {
  const [row] = await select<ClosureRow>(sequelize, `${CLOSURE_SELECT} WHERE c.body_id = :bodyId AND c.register_id = :registerId AND c.day = :day`, { bodyId, registerId, day });
  return row ? toView(row) : null;
}

/**
 * Claims a day for closing: a new row, or a failed one reset for another attempt. A day already
 * preserved is not closed again (`alreadyPreserved`); a running or sealed one is resumed.
 */
export async function beginClosure(
  sequelize: Sequelize,
  c: { bodyId: string; registerId: string; day: string; trigger: 'manual' | 'schedule'; by: string | null; workflowId: string; at: Date },
): Promise<{ closure: DayClosureView; alreadyPreserved: boolean }> {
  return sequelize.transaction(async (t) => {
    const [claimed] = await select<{ id: string; attempts: number }>(
      sequelize,
      `INSERT INTO protocol_day_closures (id, body_id, register_id, day, status, trigger, requested_by, workflow_id, started_at)
       VALUES (:id, :bodyId, :registerId, :day, 'running', :trigger, :by, :workflowId, :at)
       ON CONFLICT (register_id, day) DO UPDATE SET status = 'running', attempts = protocol_day_closures.attempts + 1, error_code = NULL,
         finished_at = NULL, trigger = EXCLUDED.trigger, requested_by = EXCLUDED.requested_by, workflow_id = EXCLUDED.workflow_id, started_at = EXCLUDED.started_at
       WHERE protocol_day_closures.status = 'failed'
       RETURNING id, attempts`,
      { id: randomUUID(), ...c },
      t,
    );
    if (claimed) {
      await appendAudit({ bodyId: c.bodyId, userId: c.by, action: 'protocol.day_closure_started', entityType: 'protocol_register', entityId: c.registerId, workflowId: c.workflowId, details: { day: c.day, attempt: claimed.attempts } }, t);
    }
    const [row] = await select<ClosureRow>(sequelize, `${CLOSURE_SELECT} WHERE c.body_id = :bodyId AND c.register_id = :registerId AND c.day = :day`, c, t);
    return { closure: toView(row!), alreadyPreserved: row!.status === 'preserved' };
  });
}

export async function updateClosure(
  sequelize: Sequelize,
  u: {
    bodyId: string; id: string; status?: DayClosureStatus; entryCount?: number; changeCount?: number; firstNumber?: number | null; lastNumber?: number | null;
    pdfDocumentId?: string; xmlDocumentId?: string; sealedDocumentId?: string; preservationId?: string | null; errorCode?: string | null; finishedAt?: Date | null;
    workflowId?: string | null;
  },
): Promise<void> {
  const columns: Record<string, string> = {
    status: 'status', entryCount: 'entry_count', changeCount: 'change_count', firstNumber: 'first_number', lastNumber: 'last_number',
    pdfDocumentId: 'pdf_document_id', xmlDocumentId: 'xml_document_id', sealedDocumentId: 'sealed_document_id', preservationId: 'preservation_id',
    errorCode: 'error_code', finishedAt: 'finished_at',
  };
  const set = Object.keys(columns).filter((k) => (u as unknown as Record<string, unknown>)[k] !== undefined);
  if (set.length === 0) return;
  await sequelize.transaction(async (t) => {
    await execute(sequelize, `UPDATE protocol_day_closures SET ${set.map((k) => `${columns[k]} = :${k}`).join(', ')} WHERE body_id = :bodyId AND id = :id`, u, t);
    if (u.status && u.status !== 'running') {
      await appendAudit({ bodyId: u.bodyId, userId: null, action: `protocol.day_closure_${u.status}`, entityType: 'protocol_day_closure', entityId: u.id, workflowId: u.workflowId ?? null, details: u.errorCode ? { errorCode: u.errorCode } : {} }, t);
    }
  });
}

/** Days of the register, from its creation to the day before `now` (Rome), not yet closed or failed; the latest `max`. */
export async function daysToClose(sequelize: Sequelize, bodyId: string, registerId: string, now: Date, max = 31): Promise<string[]> {
  const [reg] = await select<{ created_at: Date }>(sequelize, 'SELECT created_at FROM protocol_registers WHERE body_id = :bodyId AND id = :registerId', { bodyId, registerId });
  if (!reg) return [];
  const last = previousDay(now);
  const first = protocolDay(reg.created_at);
  const closed = new Set(
    (await select<{ day: string }>(
      sequelize,
      "SELECT to_char(day, 'YYYY-MM-DD') AS day FROM protocol_day_closures WHERE body_id = :bodyId AND register_id = :registerId AND status <> 'failed'",
      { bodyId, registerId },
    )).map((r) => r.day),
  );
  const days: string[] = [];
  for (let d = last; d >= first && days.length < max; d = previousDay(dayBounds(d).start)) if (!closed.has(d)) days.unshift(d);
  return days;
}

/** Users who may close days in the body (the protocol managers): told when a closure fails. */
export async function closureRecipients(sequelize: Sequelize, bodyId: string): Promise<{ id: string; email: string; fullName: string }[]> {
  return select<{ id: string; email: string; fullName: string }>(
    sequelize,
    `SELECT DISTINCT u.id, u.email, u.full_name AS "fullName" FROM users u JOIN memberships m ON m.user_id = u.id
     JOIN role_permissions p ON p.body_id = m.body_id AND p.role = m.role
     WHERE m.body_id = :bodyId AND p.permission = 'protocol.close_day' AND NOT u.disabled ORDER BY u.id`,
    { bodyId },
  );
}
