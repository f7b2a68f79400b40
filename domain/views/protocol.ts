/**
 * Protocol register views as the API returns them (docs/api.md, "Protocol"): written by
 * db/repositories/protocol/*, read by the web UI. One definition for both sides.
 */
import type { Correspondent, ProtocolChannel, ProtocolDirection } from '../protocol/entry';

export interface ProtocolRegisterView {
  id: string;
  code: string;
  name: string;
  administrationCode: string;
  aooCode: string;
  active: boolean;
  autoClose: boolean;
  createdAt: string;
}

export interface ClassificationView {
  code: string;
  title: string;
  parentCode: string | null;
  active: boolean;
}

export interface ProtocolFileView {
  id: string;
  code: string;
  subject: string;
  year: number;
  classificationCode: string;
  openedAt: string;
  closedAt: string | null;
}

export interface ProtocolAttachmentView {
  documentId: string;
  position: number;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  description: string | null;
}

export interface ProtocolFileLinkView {
  kind: 'case' | 'file';
  id: string;
  code: string;
  subject: string;
  linkedAt: string;
}

export interface ProtocolAnnotationView {
  id: string;
  text: string;
  createdAt: string;
  createdBy: { id: string; fullName: string } | null;
}

export interface ProtocolEntrySummary {
  id: string;
  registerId: string;
  registerCode: string;
  year: number;
  number: number;
  /** `REGISTER/YEAR/0000017`. */
  protocolId: string;
  registeredAt: string;
  direction: ProtocolDirection;
  channel: ProtocolChannel;
  subject: string;
  classificationCode: string;
  correspondents: Correspondent[];
  attachmentCount: number;
  annulled: boolean;
  files: ProtocolFileLinkView[];
}

export interface ProtocolEntryView extends ProtocolEntrySummary {
  confidential: boolean;
  receivedDocument: { date?: string | undefined; number?: string | undefined } | null;
  registeredBy: { id: string; fullName: string } | null;
  sourceKey: string | null;
  classificationTitle: string | null;
  attachments: ProtocolAttachmentView[];
  annotations: ProtocolAnnotationView[];
  annulment: { at: string; by: { id: string; fullName: string } | null; reason: string; measure: string | null } | null;
}

export interface ProtocolEntryList {
  items: ProtocolEntrySummary[];
  total: number;
}

export type DayClosureStatus = 'running' | 'sealed' | 'preserved' | 'failed';

export interface DayClosureView {
  id: string;
  registerId: string;
  registerCode: string;
  day: string;
  status: DayClosureStatus;
  trigger: 'manual' | 'schedule';
  entryCount: number;
  changeCount: number;
  pdfDocumentId: string | null;
  xmlDocumentId: string | null;
  sealedDocumentId: string | null;
  preservationId: string | null;
  errorCode: string | null;
  attempts: number;
  workflowId: string;
  startedAt: string;
  finishedAt: string | null;
}

export interface MailAccountView {
  id: string;
  registerId: string;
  label: string;
  kind: 'email' | 'pec';
  host: string;
  port: number;
  secure: boolean;
  username: string;
  parentFolder: string;
  createdAt: string;
}

export interface MailPreview {
  accountId: string;
  uidValidity: string;
  uid: number;
  messageId: string | null;
  subject: string;
  from: { address: string | null; name: string | null };
  date: string | null;
  text: string;
  attachments: { filename: string; mediaType: string; size: number }[];
  /** The registry subject whose e-mail or PEC is the sender's. */
  matchedSubject: { id: string; displayName: string } | null;
}
