import type { CommunicationChannel, CommunicationList, CommunicationStatus } from '@domain/views/communication';
import { bodyPath, queryString, request, requestFile } from './http';

export type {
  CommunicationChannel,
  CommunicationEvent,
  CommunicationList,
  CommunicationStatus,
  CommunicationView,
} from '@domain/views/communication';
export { communicationChannels, communicationStatuses } from '@domain/views/communication';

export interface CommunicationQuery {
  status?: CommunicationStatus;
  channel?: CommunicationChannel;
  limit?: number;
  offset?: number;
}

/** The body's outgoing messages, newest first, each with its status history (needs cases.read). */
export function listCommunications(bodyId: string, query: CommunicationQuery & { caseId?: string }): Promise<CommunicationList> {
  return request<CommunicationList>('GET', bodyPath(bodyId, `/communications${queryString({ ...query })}`));
}

/** The messages of one case of the body; 404 CASE_NOT_FOUND for a case the body does not have. */
export function listCaseCommunications(bodyId: string, caseId: string, query: CommunicationQuery = {}): Promise<CommunicationList> {
  return request<CommunicationList>(
    'GET',
    bodyPath(bodyId, `/cases/${encodeURIComponent(caseId)}/communications${queryString({ ...query })}`),
  );
}

/** A message kept by the embedded mail sink of a local installation (GET /api/dev/mails). */
export interface LocalMailSummary {
  id: string;
  messageId: string | null;
  date: string | null;
  from: string;
  to: string;
  subject: string;
}

export interface LocalMail extends LocalMailSummary {
  text: string;
  /** The HTML version as sent: untrusted, shown only in a sandboxed frame. */
  html: string | null;
}

/** Platform operators only; answers 404 when the installation runs no mail sink. */
export function listLocalMails(): Promise<{ items: LocalMailSummary[] }> {
  return request<{ items: LocalMailSummary[] }>('GET', '/api/dev/mails');
}

export function getLocalMail(id: string): Promise<LocalMail> {
  return request<LocalMail>('GET', `/api/dev/mails/${encodeURIComponent(id)}`);
}

/** A PEC receipt of a message (acceptance, delivery, non-delivery…), with its original .eml kept as legal proof. */
export interface PecReceiptView {
  id: string;
  kind: string;
  recipient: string;
  eventAt: string | null;
  error: string | null;
  errorDetail: string | null;
  documentId: string | null;
  receivedAt: string;
}

export async function listPecReceipts(bodyId: string, outboxId: string): Promise<PecReceiptView[]> {
  return (await request<{ items: PecReceiptView[] }>('GET', bodyPath(bodyId, `/communications/${encodeURIComponent(outboxId)}/receipts`))).items;
}

export function downloadPecReceipt(bodyId: string, outboxId: string, receiptId: string) {
  return requestFile(bodyPath(bodyId, `/communications/${encodeURIComponent(outboxId)}/receipts/${encodeURIComponent(receiptId)}/eml`));
}
