import { randomUUID } from 'node:crypto';
import type { Sequelize, Transaction } from 'sequelize';
import type { FeeQuote, FeeQuoteInput } from '../../domain/occ/fee-quote';
import type { OccQuoteView } from '../../domain/views/occ-economics';
import { appendAudit } from './audit';
import { select } from './protocol/sql';

/** Fee quotes of an OCC file (`occ_fee_quotes`): numbered per file, one per idempotency key. */
interface Row {
  id: string;
  number: number;
  min_cents: string;
  average_cents: string;
  max_cents: string;
  document_id: string;
  issued_at: Date;
  accepted_at: Date | null;
  figures: FeeQuote;
}
const COLUMNS = 'id, number, min_cents, average_cents, max_cents, document_id, issued_at, accepted_at, figures';
const toView = (r: Row): OccQuoteView => ({
  id: r.id,
  number: r.number,
  minCents: Number(r.min_cents),
  averageCents: Number(r.average_cents),
  maxCents: Number(r.max_cents),
  documentId: r.document_id,
  issuedAt: new Date(r.issued_at).toISOString(),
  acceptedAt: r.accepted_at ? new Date(r.accepted_at).toISOString() : null,
  flags: r.figures.flags,
});

export async function listOccQuotes(sequelize: Sequelize, bodyId: string, caseId: string): Promise<OccQuoteView[]> {
  const rows = await select<Row>(sequelize, `SELECT ${COLUMNS} FROM occ_fee_quotes WHERE body_id = :bodyId AND case_id = :caseId ORDER BY number`, { bodyId, caseId });
  return rows.map(toView);
}

export async function findOccQuoteByKey(sequelize: Sequelize, bodyId: string, idempotencyKey: string, transaction?: Transaction): Promise<OccQuoteView | null> {
  const [row] = await select<Row>(sequelize, `SELECT ${COLUMNS} FROM occ_fee_quotes WHERE body_id = :bodyId AND idempotency_key = :idempotencyKey`, { bodyId, idempotencyKey }, transaction);
  return row ? toView(row) : null;
}

/** The number the next quote of the file will take. */
export async function nextOccQuoteNumber(sequelize: Sequelize, bodyId: string, caseId: string, transaction?: Transaction): Promise<number> {
  const [row] = await select<{ max: number | null }>(sequelize, 'SELECT max(number) AS max FROM occ_fee_quotes WHERE body_id = :bodyId AND case_id = :caseId', { bodyId, caseId }, transaction);
  return (row?.max ?? 0) + 1;
}

export interface InsertQuoteInput {
  bodyId: string;
  caseId: string;
  number: number;
  idempotencyKey: string;
  inputs: FeeQuoteInput;
  quote: FeeQuote;
  documentId: string;
  issuedBy: string | null;
  issuedAt: Date;
  workflowId?: string | null;
}

/**
 * Records an issued quote with its audit row. A second call with the same idempotency key returns the
 * first quote (a retried activity); the number is unique per file, so two different keys racing for
 * one number make the loser fail and retry with the next.
 */
export async function insertOccQuote(sequelize: Sequelize, q: InsertQuoteInput): Promise<OccQuoteView> {
  return sequelize.transaction(async (transaction) => {
    const [inserted] = await select<Row>(
      sequelize,
      `INSERT INTO occ_fee_quotes (id, body_id, case_id, number, idempotency_key, inputs, figures, min_cents, average_cents, max_cents,
                                   document_id, issued_by, issued_at)
       VALUES (:id, :bodyId, :caseId, :number, :idempotencyKey, CAST(:inputs AS jsonb), CAST(:figures AS jsonb), :min, :average, :max,
               :documentId, :issuedBy, :issuedAt)
       ON CONFLICT (body_id, idempotency_key) DO NOTHING
       RETURNING ${COLUMNS}`,
      {
        id: randomUUID(),
        bodyId: q.bodyId,
        caseId: q.caseId,
        number: q.number,
        idempotencyKey: q.idempotencyKey,
        inputs: JSON.stringify(q.inputs),
        figures: JSON.stringify(q.quote),
        min: q.quote.columns.min.totalCents,
        average: q.quote.columns.average.totalCents,
        max: q.quote.columns.max.totalCents,
        documentId: q.documentId,
        issuedBy: q.issuedBy,
        issuedAt: q.issuedAt,
      },
      transaction,
    );
    if (!inserted) {
      const existing = await findOccQuoteByKey(sequelize, q.bodyId, q.idempotencyKey, transaction);
      if (!existing) throw new Error('quote row vanished');
      return existing;
    }
    await appendAudit(
      {
        bodyId: q.bodyId,
        userId: q.issuedBy,
        action: 'occ.quote_issued',
        entityType: 'occ_fee_quote',
        entityId: inserted.id,
        workflowId: q.workflowId ?? null,
        details: { caseId: q.caseId, number: q.number, documentId: q.documentId },
      },
      transaction,
    );
    return toView(inserted);
  });
}

/**
 * Marks a quote accepted (with the audit row). Idempotent: accepting the same quote again changes
 * nothing. Returns 'not_found' when the quote is not the file's.
 */
export async function acceptOccQuote(
  sequelize: Sequelize,
  a: { bodyId: string; caseId: string; quoteId: string; acceptedBy: string | null; acceptedAt: Date; evidenceDocumentId: string | null },
): Promise<'accepted' | 'already' | 'not_found'> {
  return sequelize.transaction(async (transaction) => {
    const [row] = await select<{ accepted_at: Date | null }>(
      sequelize,
      'SELECT accepted_at FROM occ_fee_quotes WHERE body_id = :bodyId AND case_id = :caseId AND id = :quoteId FOR UPDATE',
      { bodyId: a.bodyId, caseId: a.caseId, quoteId: a.quoteId },
      transaction,
    );
    if (!row) return 'not_found';
    if (row.accepted_at) return 'already';
    await select(
      sequelize,
      `UPDATE occ_fee_quotes SET accepted_at = :acceptedAt, accepted_by = :acceptedBy, acceptance_document_id = :evidenceDocumentId
        WHERE body_id = :bodyId AND case_id = :caseId AND id = :quoteId RETURNING id`,
      { ...a },
      transaction,
    );
    await appendAudit(
      { bodyId: a.bodyId, userId: a.acceptedBy, action: 'occ.quote_accepted', entityType: 'occ_fee_quote', entityId: a.quoteId, details: { caseId: a.caseId, evidenceDocumentId: a.evidenceDocumentId } },
      transaction,
    );
    return 'accepted';
  });
}
