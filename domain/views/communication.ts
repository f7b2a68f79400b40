/**
 * Outgoing messages as the API returns them (docs/api.md, "Communications"): written by
 * db/repositories/communications.ts from the outbox, read by the web UI. One definition for both sides.
 */

export const communicationChannels = ['email', 'pec', 'sms', 'registered_mail', 'fax'] as const;
export type CommunicationChannel = (typeof communicationChannels)[number];

export const communicationStatuses = ['pending', 'sending', 'sent', 'failed'] as const;
export type CommunicationStatus = (typeof communicationStatuses)[number];

/** One step of a message's history (append-only); `detail` holds codes (SMTP reply, counts), never content. */
export interface CommunicationEvent {
  status: CommunicationStatus;
  at: string;
  detail: Record<string, unknown>;
}

export interface CommunicationView {
  id: string;
  channel: CommunicationChannel;
  /** Template name, e.g. `case-registered`. */
  template: string;
  status: CommunicationStatus;
  recipientAddress: string;
  recipientName: string | null;
  /** Known once the message has been rendered (first send attempt). */
  subject: string | null;
  caseId: string | null;
  caseNumber: string | null;
  attempts: number;
  createdAt: string;
  updatedAt: string;
  /** Oldest first. */
  history: CommunicationEvent[];
}

export interface CommunicationList {
  items: CommunicationView[];
  total: number;
}
