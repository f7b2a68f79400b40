/**
 * Outgoing messages as the API returns them (docs/api.md, "Communications"): written by
 * db/repositories/communications.ts from the outbox, read by the web UI. One definition for both sides.
 */

import { channels, messageStatuses, type Channel, type MessageStatus } from '../notify/channels';

/** Every channel and every status of the outbox (domain/notify/channels.ts). */
export const communicationChannels = channels;
export type CommunicationChannel = Channel;

export const communicationStatuses = messageStatuses;
export type CommunicationStatus = MessageStatus;

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
