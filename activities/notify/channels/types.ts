/**
 * Every channel is an adapter behind one interface: the notification service records the message,
 * renders it and hands it to the adapter; swapping a provider changes no caller.
 */
import type { Channel } from '../../../domain/notify/channels';

export interface OutgoingAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface OutgoingMessage {
  outboxId: string;
  bodyId: string;
  channel: Channel;
  /** Deterministic, derived from the idempotency key. */
  messageId: string;
  to: { address: string; name: string | null };
  from: { address: string; name: string };
  replyTo?: string | null;
  subject: string;
  html?: string;
  text: string;
  attachments: OutgoingAttachment[];
  headers?: Record<string, string>;
}

export interface SubmitResult {
  /** sent: accepted by the server or provider; recorded: kept, not sent; pending: waits for an operator (manual provider). */
  status: 'sent' | 'recorded' | 'pending';
  provider: string;
  providerRef?: string | null;
  detail?: Record<string, unknown>;
}

export interface ChannelAdapter {
  readonly provider: string;
  submit(message: OutgoingMessage): Promise<SubmitResult>;
  /**
   * For a message a crash left in `sending`: does the server or provider already have it?
   * Absent: the adapter cannot tell, and the message is submitted again (at-least-once).
   */
  wasAccepted?(message: { bodyId: string; messageId: string; address: string; providerRef: string | null }): Promise<boolean>;
}

/** A refusal that will not change on retry (SMTP 5xx, an invalid number at the provider). */
export class PermanentSendError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PermanentSendError';
  }
}

/** SMTP replies that will not change on retry (5xx), as opposed to 4xx and connection errors. */
export function isPermanentSmtpError(err: unknown): boolean {
  const code = (err as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

export const smtpErrorCode = (err: unknown): string =>
  String((err as { responseCode?: number }).responseCode ?? (err as { code?: string }).code ?? 'UNKNOWN');
