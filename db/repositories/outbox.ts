import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { Channel, MessageStatus } from '../../domain/notify/channels';

export type OutboxStatus = MessageStatus;

export interface OutboxEntry {
  id: string;
  status: OutboxStatus;
  messageId: string;
  attempts: number;
  /** When the current/last submission began; set while `sending`. */
  sendingAt: Date | null;
  providerRef: string | null;
}

export interface NewOutboxEntry {
  bodyId: string;
  idempotencyKey: string;
  channel: Channel;
  template: string;
  locale: string;
  recipientAddress: string;
  recipientName: string | null;
  caseId: string | null;
  workflowId: string | null;
  messageId: string;
  subjectId?: string | null;
  mailingId?: string | null;
  provider?: string | null;
  /** Document IDs sent with the message. */
  attachments?: string[];
}

interface EntryRow {
  id: string;
  status: OutboxStatus;
  message_id: string;
  attempts: number;
  sending_at: Date | null;
  provider_ref: string | null;
}
const toEntry = (r: EntryRow): OutboxEntry => ({
  id: r.id,
  status: r.status,
  messageId: r.message_id,
  attempts: r.attempts,
  sendingAt: r.sending_at ? new Date(r.sending_at) : null,
  providerRef: r.provider_ref,
});

const insertColumns = `id, body_id, idempotency_key, channel, template, locale, recipient_address, recipient_name, case_id, workflow_id,
  status, message_id, subject_id, mailing_id, provider, attachments`;

/** Records the message before any send; the same key always returns the same row. */
export async function claimOutboxEntry(sequelize: Sequelize, e: NewOutboxEntry): Promise<OutboxEntry> {
  return sequelize.transaction(async (transaction) => {
    const inserted = await sequelize.query<{ id: string }>(
      `INSERT INTO outbox (${insertColumns})
       VALUES (:id, :bodyId, :idempotencyKey, :channel, :template, :locale, :recipientAddress, :recipientName, :caseId, :workflowId,
         'pending', :messageId, :subjectId, :mailingId, :provider, :attachments)
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
      {
        type: QueryTypes.SELECT,
        transaction,
        replacements: {
          id: randomUUID(),
          ...e,
          subjectId: e.subjectId ?? null,
          mailingId: e.mailingId ?? null,
          provider: e.provider ?? null,
          attachments: JSON.stringify(e.attachments ?? []),
        },
      },
    );
    if (inserted[0]) {
      await sequelize.query("INSERT INTO outbox_events (outbox_id, status) VALUES (:id, 'pending')", { transaction, replacements: { id: inserted[0].id } });
    }
    const [row] = await sequelize.query<EntryRow>(
      'SELECT id, status, message_id, attempts, sending_at, provider_ref FROM outbox WHERE idempotency_key = :key FOR UPDATE',
      { type: QueryTypes.SELECT, transaction, replacements: { key: e.idempotencyKey } },
    );
    return toEntry(row!);
  });
}

/**
 * Records many messages at once (a mailing chunk): inserts the missing rows with their `pending`
 * event and returns every row, new or old, keyed by idempotency key.
 */
export async function claimOutboxEntries(sequelize: Sequelize, entries: NewOutboxEntry[]): Promise<Map<string, OutboxEntry>> {
  if (entries.length === 0) return new Map();
  return sequelize.transaction(async (transaction) => {
    const rows = entries.map((e) => ({
      id: randomUUID(),
      body_id: e.bodyId,
      idempotency_key: e.idempotencyKey,
      channel: e.channel,
      template: e.template,
      locale: e.locale,
      recipient_address: e.recipientAddress,
      recipient_name: e.recipientName,
      case_id: e.caseId,
      workflow_id: e.workflowId,
      status: 'pending',
      message_id: e.messageId,
      subject_id: e.subjectId ?? null,
      mailing_id: e.mailingId ?? null,
      provider: e.provider ?? null,
      attachments: e.attachments ?? [],
    }));
    const inserted = await sequelize.query<{ id: string }>(
      `INSERT INTO outbox (${insertColumns})
       SELECT ${insertColumns} FROM json_populate_recordset(NULL::outbox, :rows)
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
      { type: QueryTypes.SELECT, transaction, replacements: { rows: JSON.stringify(rows) } },
    );
    if (inserted.length > 0) {
      await sequelize.query("INSERT INTO outbox_events (outbox_id, status) SELECT unnest(ARRAY[:ids]::uuid[]), 'pending'", {
        transaction,
        replacements: { ids: inserted.map((r) => r.id) },
      });
    }
    const all = await sequelize.query<EntryRow & { idempotency_key: string }>(
      'SELECT id, idempotency_key, status, message_id, attempts, sending_at, provider_ref FROM outbox WHERE idempotency_key IN (:keys)',
      { type: QueryTypes.SELECT, transaction, replacements: { keys: entries.map((e) => e.idempotencyKey) } },
    );
    return new Map(all.map((r) => [r.idempotency_key, toEntry(r)]));
  });
}

export interface StatusChange {
  id: string;
  status: OutboxStatus;
  /** Codes and counts, never content. */
  detail?: Record<string, unknown>;
  lastError?: string | null;
  providerRef?: string | null;
  provider?: string | null;
  subject?: string | null;
}

/**
 * Moves messages to new statuses, each with one history row, in one transaction. `from` guards the
 * move (only rows currently in one of those statuses change); returns the IDs that changed.
 */
export async function setOutboxStatuses(sequelize: Sequelize, changes: StatusChange[], opts: { from?: OutboxStatus[]; countAttempt?: boolean } = {}): Promise<string[]> {
  if (changes.length === 0) return [];
  const rows = changes.map((c) => ({
    id: c.id,
    status: c.status,
    detail: c.detail ?? {},
    last_error: c.lastError ?? null,
    provider_ref: c.providerRef ?? null,
    provider: c.provider ?? null,
    subject: c.subject ?? null,
  }));
  return sequelize.transaction(async (transaction) => {
    const changed = await sequelize.query<{ id: string }>(
      `UPDATE outbox o SET status = x.status, updated_at = now(),
         attempts = o.attempts + CASE WHEN :countAttempt THEN 1 ELSE 0 END,
         sending_at = CASE WHEN x.status = 'sending' THEN now() ELSE o.sending_at END,
         last_error = x.last_error,
         provider_ref = COALESCE(x.provider_ref, o.provider_ref),
         provider = COALESCE(x.provider, o.provider),
         subject = COALESCE(x.subject, o.subject)
       FROM json_to_recordset(:rows) AS x(id uuid, status text, last_error text, provider_ref text, provider text, subject text)
       WHERE o.id = x.id ${opts.from ? 'AND o.status IN (:from)' : ''}
       RETURNING o.id`,
      { type: QueryTypes.SELECT, transaction, replacements: { rows: JSON.stringify(rows), countAttempt: opts.countAttempt ?? false, from: opts.from ?? [] } },
    );
    if (changed.length > 0) {
      await sequelize.query(
        `INSERT INTO outbox_events (outbox_id, status, detail)
         SELECT x.id, x.status, x.detail FROM json_to_recordset(:rows) AS x(id uuid, status text, detail jsonb)
          WHERE x.id IN (:ids)`,
        { transaction, replacements: { rows: JSON.stringify(rows), ids: changed.map((r) => r.id) } },
      );
    }
    return changed.map((r) => r.id);
  });
}

/** Moves a message to a new status with one history row; `detail` holds codes, never content. */
export async function setOutboxStatus(
  sequelize: Sequelize,
  id: string,
  status: OutboxStatus,
  detail: Record<string, unknown> = {},
  extra: { subject?: string; countAttempt?: boolean; lastError?: string | null; providerRef?: string | null; provider?: string | null } = {},
): Promise<void> {
  await setOutboxStatuses(
    sequelize,
    [{ id, status, detail, lastError: extra.lastError ?? null, providerRef: extra.providerRef ?? null, provider: extra.provider ?? null, subject: extra.subject ?? null }],
    { countAttempt: extra.countAttempt ?? false },
  );
}

/**
 * Takes a message into `sending` if it is `pending`, or takes over a `sending` one still at the
 * attempt count the caller saw (compare-and-set, so two attempts cannot both take it). Returns whether it did.
 */
export async function beginSending(sequelize: Sequelize, entry: OutboxEntry, detail: Record<string, unknown> = {}, subject?: string): Promise<boolean> {
  return sequelize.transaction(async (transaction) => {
    const [row] = await sequelize.query<{ id: string }>(
      `UPDATE outbox SET status = 'sending', sending_at = now(), attempts = attempts + 1, updated_at = now(),
         subject = COALESCE(:subject, subject)
       WHERE id = :id AND (status = 'pending' OR (status = 'sending' AND attempts = :attempts))
       RETURNING id`,
      { type: QueryTypes.SELECT, transaction, replacements: { id: entry.id, attempts: entry.attempts, subject: subject ?? null } },
    );
    if (!row) return false;
    await sequelize.query("INSERT INTO outbox_events (outbox_id, status, detail) VALUES (:id, 'sending', :detail)", {
      transaction,
      replacements: { id: entry.id, detail: JSON.stringify(detail) },
    });
    return true;
  });
}

export async function getOutboxEntry(sequelize: Sequelize, id: string): Promise<OutboxEntry | null> {
  const [row] = await sequelize.query<EntryRow>('SELECT id, status, message_id, attempts, sending_at, provider_ref FROM outbox WHERE id = :id', {
    type: QueryTypes.SELECT,
    replacements: { id },
  });
  return row ? toEntry(row) : null;
}
