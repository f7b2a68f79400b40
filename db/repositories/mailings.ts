import { QueryTypes, type Sequelize } from 'sequelize';
import { normalizeRecipientAddress, registryFieldFor } from '../../domain/notify/channels';
import type { Audience, MailingChannel, MailingKind, MailingProgress, MailingState } from '../../domain/notify/mailing';
import { appendAudit } from './audit';

export interface MailingRecord {
  id: string;
  bodyId: string;
  kind: MailingKind;
  channel: MailingChannel;
  subject: string;
  message: string;
  audience: Audience;
  state: MailingState;
  workflowId: string;
  total: number | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: string;
  body_id: string;
  kind: MailingKind;
  channel: MailingChannel;
  subject: string;
  message: string;
  audience: Audience;
  state: MailingState;
  workflow_id: string;
  total: number | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

const toRecord = (r: Row): MailingRecord => ({
  id: r.id,
  bodyId: r.body_id,
  kind: r.kind,
  channel: r.channel,
  subject: r.subject,
  message: r.message,
  audience: r.audience,
  state: r.state,
  workflowId: r.workflow_id,
  total: r.total,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

export interface NewMailing {
  id: string;
  bodyId: string;
  idempotencyKey: string;
  kind: MailingKind;
  channel: MailingChannel;
  subject: string;
  message: string;
  audience: Audience;
  workflowId: string;
  createdBy: string | null;
  requestId?: string | null;
}

/** Records a mailing with its audit row; the same idempotency key returns the mailing already recorded. */
export async function createMailing(sequelize: Sequelize, m: NewMailing): Promise<{ mailing: MailingRecord; created: boolean }> {
  return sequelize.transaction(async (transaction) => {
    const inserted = await sequelize.query<{ id: string }>(
      `INSERT INTO mailings (id, body_id, idempotency_key, kind, channel, subject, message, audience, workflow_id, created_by)
       VALUES (:id, :bodyId, :idempotencyKey, :kind, :channel, :subject, :message, :audience, :workflowId, :createdBy)
       ON CONFLICT (body_id, idempotency_key) DO NOTHING RETURNING id`,
      { type: QueryTypes.SELECT, transaction, replacements: { ...m, audience: JSON.stringify(m.audience) } },
    );
    if (inserted[0]) {
      await appendAudit(
        { bodyId: m.bodyId, userId: m.createdBy, requestId: m.requestId ?? null, workflowId: m.workflowId, action: 'mailing.created', entityType: 'mailing', entityId: m.id, details: { kind: m.kind, channel: m.channel, audience: m.audience.kind } },
        transaction,
      );
    }
    const [row] = await sequelize.query<Row>('SELECT * FROM mailings WHERE body_id = :bodyId AND idempotency_key = :key', {
      type: QueryTypes.SELECT,
      transaction,
      replacements: { bodyId: m.bodyId, key: m.idempotencyKey },
    });
    return { mailing: toRecord(row!), created: Boolean(inserted[0]) };
  });
}

export async function getMailing(sequelize: Sequelize, bodyId: string, id: string): Promise<MailingRecord | null> {
  const [row] = await sequelize.query<Row>('SELECT * FROM mailings WHERE body_id = :bodyId AND id = :id', { type: QueryTypes.SELECT, replacements: { bodyId, id } });
  return row ? toRecord(row) : null;
}

export async function listMailings(sequelize: Sequelize, bodyId: string, limit: number, offset: number): Promise<{ items: MailingRecord[]; total: number }> {
  const [rows, counted] = await Promise.all([
    sequelize.query<Row>('SELECT * FROM mailings WHERE body_id = :bodyId ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset', {
      type: QueryTypes.SELECT,
      replacements: { bodyId, limit, offset },
    }),
    sequelize.query<{ n: number }>('SELECT count(*)::int AS n FROM mailings WHERE body_id = :bodyId', { type: QueryTypes.SELECT, replacements: { bodyId } }),
  ]);
  return { items: rows.map(toRecord), total: counted[0]?.n ?? 0 };
}

/** Records the mailing's state (with the audit row of who changed it, when a person did). */
export async function setMailingState(
  sequelize: Sequelize,
  bodyId: string,
  id: string,
  state: MailingState,
  by: { userId: string | null; workflowId?: string | null } = { userId: null },
): Promise<void> {
  await sequelize.transaction(async (transaction) => {
    await sequelize.query('UPDATE mailings SET state = :state, updated_at = now() WHERE body_id = :bodyId AND id = :id', { transaction, replacements: { bodyId, id, state } });
    if (by.userId) {
      await appendAudit({ bodyId, userId: by.userId, workflowId: by.workflowId ?? null, action: `mailing.${state}`, entityType: 'mailing', entityId: id }, transaction);
    }
  });
}

interface Candidate {
  address: string | null;
  name: string | null;
  subject_id: string | null;
  user_id: string | null;
}

/**
 * Resolves the audience into numbered recipients once (idempotent: a retry finds them there): one per
 * address usable on the channel, ordered by address. Returns how many there are.
 */
export async function resolveMailingRecipients(sequelize: Sequelize, mailing: MailingRecord): Promise<number> {
  const [existing] = await sequelize.query<{ n: number }>('SELECT count(*)::int AS n FROM mailing_recipients WHERE mailing_id = :id', {
    type: QueryTypes.SELECT,
    replacements: { id: mailing.id },
  });
  if ((existing?.n ?? 0) > 0) return existing!.n;
  const field = registryFieldFor(mailing.channel);
  const subjectName = "COALESCE(s.company_name, concat_ws(' ', s.first_name, s.last_name))";
  let candidates: Candidate[];
  const a = mailing.audience;
  if (a.kind === 'members') {
    candidates =
      mailing.channel === 'email'
        ? await sequelize.query<Candidate>(
            `SELECT DISTINCT u.email AS address, u.full_name AS name, NULL::uuid AS subject_id, u.id AS user_id
               FROM users u JOIN memberships m ON m.user_id = u.id
              WHERE m.body_id = :bodyId AND NOT u.disabled ${a.roles?.length ? 'AND m.role IN (:roles)' : ''}`,
            { type: QueryTypes.SELECT, replacements: { bodyId: mailing.bodyId, roles: a.roles ?? [] } },
          )
        : []; // users have an e-mail address only
  } else if (a.kind === 'contacts') {
    candidates = await sequelize.query<Candidate>(
      `SELECT s.${field} AS address, ${subjectName} AS name, s.id AS subject_id, NULL::uuid AS user_id
         FROM subjects s WHERE s.body_id = :bodyId AND s.${field} IS NOT NULL`,
      { type: QueryTypes.SELECT, replacements: { bodyId: mailing.bodyId } },
    );
  } else {
    candidates = await sequelize.query<Candidate>(
      `SELECT s.${field} AS address, ${subjectName} AS name, s.id AS subject_id, NULL::uuid AS user_id
         FROM case_parties cp JOIN subjects s ON s.id = cp.subject_id AND s.body_id = cp.body_id
        WHERE cp.body_id = :bodyId AND cp.case_id IN (:caseIds) AND s.${field} IS NOT NULL`,
      { type: QueryTypes.SELECT, replacements: { bodyId: mailing.bodyId, caseIds: a.caseIds } },
    );
  }
  const byAddress = new Map<string, Candidate & { address: string }>();
  for (const c of candidates) {
    const checked = normalizeRecipientAddress(mailing.channel, c.address ?? '');
    if (checked.ok && !byAddress.has(checked.address)) byAddress.set(checked.address, { ...c, address: checked.address });
  }
  const rows = [...byAddress.values()]
    .sort((x, y) => (x.address < y.address ? -1 : x.address > y.address ? 1 : 0))
    .map((c, i) => ({ mailing_id: mailing.id, seq: i + 1, body_id: mailing.bodyId, subject_id: c.subject_id, user_id: c.user_id, address: c.address, name: c.name }));
  await sequelize.transaction(async (transaction) => {
    if (rows.length > 0) {
      await sequelize.query(
        `INSERT INTO mailing_recipients (mailing_id, seq, body_id, subject_id, user_id, address, name)
         SELECT mailing_id, seq, body_id, subject_id, user_id, address, name FROM json_populate_recordset(NULL::mailing_recipients, :rows)
         ON CONFLICT DO NOTHING`,
        { transaction, replacements: { rows: JSON.stringify(rows) } },
      );
    }
    await sequelize.query('UPDATE mailings SET total = :total, updated_at = now() WHERE id = :id AND body_id = :bodyId', {
      transaction,
      replacements: { total: rows.length, id: mailing.id, bodyId: mailing.bodyId },
    });
  });
  return rows.length;
}

export interface MailingRecipient {
  seq: number;
  address: string;
  name: string | null;
  subjectId: string | null;
}

export async function mailingRecipients(sequelize: Sequelize, bodyId: string, mailingId: string, from: number, to: number): Promise<MailingRecipient[]> {
  const rows = await sequelize.query<{ seq: number; address: string; name: string | null; subject_id: string | null }>(
    'SELECT seq, address, name, subject_id FROM mailing_recipients WHERE mailing_id = :mailingId AND body_id = :bodyId AND seq BETWEEN :from AND :to ORDER BY seq',
    { type: QueryTypes.SELECT, replacements: { bodyId, mailingId, from, to } },
  );
  return rows.map((r) => ({ seq: r.seq, address: r.address, name: r.name, subjectId: r.subject_id }));
}

/** Progress read from the outbox (the API's view when the workflow cannot be queried). */
export async function mailingProgressFromOutbox(sequelize: Sequelize, bodyId: string, mailingId: string, total: number): Promise<MailingProgress> {
  const rows = await sequelize.query<{ status: string; n: number }>(
    'SELECT status, count(*)::int AS n FROM outbox WHERE body_id = :bodyId AND mailing_id = :mailingId GROUP BY status',
    { type: QueryTypes.SELECT, replacements: { bodyId, mailingId } },
  );
  let sent = 0;
  let failed = 0;
  let skipped = 0;
  for (const r of rows) {
    if (r.status === 'failed' || r.status === 'not_accepted') failed += r.n;
    else if (r.status === 'skipped') skipped += r.n;
    else if (r.status !== 'pending' && r.status !== 'sending') sent += r.n;
  }
  return { total, sent, failed, skipped, pending: Math.max(0, total - sent - failed - skipped) };
}

export async function unsubscribedAmong(sequelize: Sequelize, bodyId: string, addresses: string[]): Promise<Set<string>> {
  if (addresses.length === 0) return new Set();
  const rows = await sequelize.query<{ address: string }>(
    "SELECT address FROM unsubscribes WHERE body_id = :bodyId AND list = 'newsletter' AND address IN (:addresses)",
    { type: QueryTypes.SELECT, replacements: { bodyId, addresses } },
  );
  return new Set(rows.map((r) => r.address));
}

/** Records an unsubscription (idempotent) with its audit row; the address is stored as normalised for its channel. */
export async function recordUnsubscribe(sequelize: Sequelize, bodyId: string, address: string, requestId: string | null = null): Promise<void> {
  await sequelize.transaction(async (transaction) => {
    const inserted = await sequelize.query<{ body_id: string }>(
      "INSERT INTO unsubscribes (body_id, list, address) VALUES (:bodyId, 'newsletter', :address) ON CONFLICT DO NOTHING RETURNING body_id",
      { type: QueryTypes.SELECT, transaction, replacements: { bodyId, address } },
    );
    if (inserted.length > 0) {
      await appendAudit({ bodyId, userId: null, requestId, action: 'newsletter.unsubscribed', entityType: 'unsubscribe', details: { list: 'newsletter' } }, transaction);
    }
  });
}

/** How many addresses have left the body's newsletter (shown beside each mailing). */
export async function countUnsubscribes(sequelize: Sequelize, bodyId: string): Promise<number> {
  const [row] = await sequelize.query<{ n: number }>("SELECT count(*)::int AS n FROM unsubscribes WHERE body_id = :bodyId AND list = 'newsletter'", {
    type: QueryTypes.SELECT,
    replacements: { bodyId },
  });
  return row?.n ?? 0;
}
