import { QueryTypes, type Sequelize } from 'sequelize';
import { Case } from '../models';
import type {
  CommunicationChannel,
  CommunicationEvent,
  CommunicationList,
  CommunicationStatus,
  CommunicationView,
} from '../../domain/views/communication';

export interface CommunicationQuery {
  caseId?: string | undefined;
  status?: CommunicationStatus | undefined;
  channel?: CommunicationChannel | undefined;
  limit: number;
  offset: number;
}

interface Row {
  id: string;
  channel: CommunicationChannel;
  template: string;
  status: CommunicationStatus;
  recipient_address: string;
  recipient_name: string | null;
  subject: string | null;
  case_id: string | null;
  case_number: string | null;
  attempts: number;
  created_at: Date;
  updated_at: Date;
  history: { status: CommunicationStatus; at: string; detail: Record<string, unknown> | null }[] | null;
}

const iso = (value: Date | string): string => new Date(value).toISOString();

function toView(r: Row): CommunicationView {
  return {
    id: r.id,
    channel: r.channel,
    template: r.template,
    status: r.status,
    recipientAddress: r.recipient_address,
    recipientName: r.recipient_name,
    subject: r.subject,
    caseId: r.case_id,
    caseNumber: r.case_number,
    attempts: r.attempts,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    history: (r.history ?? []).map((e): CommunicationEvent => ({ status: e.status, at: iso(e.at), detail: e.detail ?? {} })),
  };
}

/**
 * The body's outgoing messages (the outbox), newest first, each with its status history in the order
 * it happened. Raw SQL, so the body filter is written here: every table read is scoped to `bodyId`
 * (the case join too, so a message can never show another body's case number).
 */
export async function listCommunications(sequelize: Sequelize, bodyId: string, q: CommunicationQuery): Promise<CommunicationList> {
  const conditions = ['o.body_id = :bodyId'];
  if (q.caseId !== undefined) conditions.push('o.case_id = :caseId');
  if (q.status !== undefined) conditions.push('o.status = :status');
  if (q.channel !== undefined) conditions.push('o.channel = :channel');
  const where = conditions.join(' AND ');
  const replacements = {
    bodyId,
    caseId: q.caseId ?? null,
    status: q.status ?? null,
    channel: q.channel ?? null,
    limit: q.limit,
    offset: q.offset,
  };

  const [rows, counted] = await Promise.all([
    sequelize.query<Row>(
      `SELECT o.id, o.channel, o.template, o.status, o.recipient_address, o.recipient_name, o.subject, o.case_id,
              c.case_number, o.attempts, o.created_at, o.updated_at, h.history
         FROM outbox o
         LEFT JOIN cases c ON c.id = o.case_id AND c.body_id = o.body_id
         LEFT JOIN LATERAL (
           SELECT json_agg(json_build_object('status', e.status, 'at', e.at, 'detail', e.detail) ORDER BY e.id) AS history
             FROM outbox_events e
            WHERE e.outbox_id = o.id
         ) h ON true
        WHERE ${where}
        ORDER BY o.created_at DESC, o.id DESC
        LIMIT :limit OFFSET :offset`,
      { type: QueryTypes.SELECT, replacements },
    ),
    sequelize.query<{ total: string }>(`SELECT count(*) AS total FROM outbox o WHERE ${where}`, {
      type: QueryTypes.SELECT,
      replacements,
    }),
  ]);
  return { items: rows.map(toView), total: Number(counted[0]?.total ?? 0) };
}

/** Whether the case exists in this body (a case of another body is, for it, unknown). */
export async function caseExistsInBody(bodyId: string, caseId: string): Promise<boolean> {
  return (await Case.count({ where: { bodyId, id: caseId } })) > 0;
}
