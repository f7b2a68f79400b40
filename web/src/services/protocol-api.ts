import type { Correspondent, FileLink } from '@domain/protocol/entry';
import type {
  ClassificationView,
  DayClosureView,
  MailAccountView,
  MailPreview,
  ProtocolEntryList,
  ProtocolEntryView,
  ProtocolFileView,
  ProtocolRegisterView,
} from '@domain/views/protocol';
import { bodyPath, queryString, request, requestFile } from './http';

export type {
  ClassificationView,
  DayClosureView,
  MailAccountView,
  MailPreview,
  ProtocolEntryList,
  ProtocolEntrySummary,
  ProtocolEntryView,
  ProtocolFileView,
  ProtocolRegisterView,
} from '@domain/views/protocol';
export type { Correspondent, FileLink, ProtocolDirection } from '@domain/protocol/entry';
export { protocolDirections, protocolChannels } from '@domain/protocol/entry';

const p = (bodyId: string, rest: string) => bodyPath(bodyId, `/protocol${rest}`);

export interface EntrySearch {
  registerId?: string;
  year?: number;
  number?: number;
  dateFrom?: string;
  dateTo?: string;
  direction?: string;
  correspondent?: string;
  subject?: string;
  classification?: string;
  fileId?: string;
  annulled?: 'true' | 'false';
  limit?: number;
  offset?: number;
}

export interface NewEntry {
  registerId: string;
  direction: string;
  channel: string;
  correspondents: Correspondent[];
  subject: string;
  classificationCode: string;
  receivedDocument?: { date?: string; number?: string };
  confidential: boolean;
  file?: FileLink;
  attachments: { filename: string; contentBase64: string }[];
}

export const listRegisters = (bodyId: string) => request<{ items: ProtocolRegisterView[] }>('GET', p(bodyId, '/registers'));
export const listClassifications = (bodyId: string) => request<{ items: ClassificationView[] }>('GET', p(bodyId, '/classifications'));
export const listFiles = (bodyId: string, q: string) => request<{ items: ProtocolFileView[] }>('GET', p(bodyId, `/files${queryString({ q })}`));
export const searchEntries = (bodyId: string, s: EntrySearch) => request<ProtocolEntryList>('GET', p(bodyId, `/entries${queryString({ ...s })}`));
export const getEntry = (bodyId: string, id: string) => request<ProtocolEntryView>('GET', p(bodyId, `/entries/${encodeURIComponent(id)}`));

/** Registers an entry; the key makes a retried submission return the same entry. */
export const registerEntry = (bodyId: string, entry: NewEntry, idempotencyKey: string) =>
  request<ProtocolEntryView>('POST', p(bodyId, '/entries'), { body: entry, headers: { 'Idempotency-Key': idempotencyKey } });
export const annotateEntry = (bodyId: string, id: string, text: string) =>
  request<ProtocolEntryView>('POST', p(bodyId, `/entries/${encodeURIComponent(id)}/annotations`), { body: { text } });
export const annulEntry = (bodyId: string, id: string, reason: string, measure: string) =>
  request<ProtocolEntryView>('POST', p(bodyId, `/entries/${encodeURIComponent(id)}/annulment`), { body: { reason, measure } });

export const exportEntries = (bodyId: string, s: EntrySearch, format: 'csv' | 'xlsx') => requestFile(p(bodyId, `/entries${queryString({ ...s, format })}`));
export const downloadSegnatura = (bodyId: string, id: string) => requestFile(p(bodyId, `/entries/${encodeURIComponent(id)}/segnatura`));
export const downloadAttachment = (bodyId: string, id: string, position: number) =>
  requestFile(p(bodyId, `/entries/${encodeURIComponent(id)}/attachments/${position}/content`));

export const listClosures = (bodyId: string, registerId?: string) => request<{ items: DayClosureView[] }>('GET', p(bodyId, `/closures${queryString({ registerId })}`));
export const closeDay = (bodyId: string, registerId: string, day: string) =>
  request<{ workflowId: string; result: { status: string } | null }>('POST', p(bodyId, `/registers/${encodeURIComponent(registerId)}/closures`), { body: { day } });
export const downloadClosureDocument = (bodyId: string, closureId: string, kind: 'pdf' | 'sealed' | 'xml') =>
  requestFile(p(bodyId, `/closures/${encodeURIComponent(closureId)}/documents/${kind}`));

export const listMailAccounts = (bodyId: string, registerId?: string) => request<{ items: MailAccountView[] }>('GET', p(bodyId, `/mail/accounts${queryString({ registerId })}`));
export const listWaitingMail = (bodyId: string, accountId: string) => request<{ items: MailPreview[] }>('GET', p(bodyId, `/mail/accounts/${encodeURIComponent(accountId)}/messages`));
export const registerMail = (bodyId: string, m: MailPreview, form: { classificationCode: string; subject?: string }) =>
  request<{ workflowId: string; entryId?: string; protocolId?: string }>(
    'POST',
    p(bodyId, `/mail/accounts/${encodeURIComponent(m.accountId)}/messages/${encodeURIComponent(m.uidValidity)}/${m.uid}/registration`),
    { body: form },
  );

/** Saves a downloaded file through a temporary link (the browser's own download). */
export function saveFile(file: { blob: Blob; filename: string | null }): void {
  const url = URL.createObjectURL(file.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename ?? 'documento';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A File's bytes as base64 (for the registration body). */
export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
