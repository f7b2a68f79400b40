/**
 * The notification service: one activity every workflow calls to send a message on any channel.
 * The recipient is checked before anything is recorded; the message is recorded in the outbox under
 * its idempotency key (derived by the caller from its workflow ID and step), rendered with the body's
 * sender and signature, and handed to the channel's adapter exactly once (see deliver.ts).
 */
import { createHash } from 'node:crypto';
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Sequelize } from 'sequelize';
import type { SecretBox } from '../../config/secret-box';
import { getCommunicationSettings, type CommunicationSettings } from '../../db/repositories/communication-settings';
import { claimOutboxEntry } from '../../db/repositories/outbox';
import { isPostalChannel, type Channel } from '../../domain/notify/channels';
import type { ChannelAdapter, OutgoingAttachment, OutgoingMessage } from './channels/types';
import { submitAndRecord, takeForSending } from './deliver';
import { compileEmail, isEmailTemplate, type EmailTemplate, type Locale } from './render-email';
import { renderNotice, type Notice } from './render-notice';
import { resolveRecipient, type RecipientRef } from './recipients';
import type { CaseNoticeRef } from './notify-case';

export interface NotifyInput {
  channel: Channel;
  bodyId: string;
  recipient: RecipientRef;
  /** A template file, or `notice`: the procedure notices composed by case-notices.ts (`notice` holds the texts). */
  template: EmailTemplate | 'notice';
  notice?: Omit<Notice, 'bodyName'>;
  /** A case notice composed at send time (the convocation with its personal code), instead of `notice`. */
  caseNotice?: CaseNoticeRef;
  locale?: Locale;
  /** Template variables (IDs, numbers, short texts); `bodyName`, `recipientName` and `signature` are filled in. */
  data: Record<string, string>;
  /** Document IDs of the body's document store. */
  attachments?: string[];
  /** Derived from the workflow ID and step, e.g. `mediation:…:convocation:party-1`; one message per key. */
  idempotencyKey: string;
  caseId?: string | null;
  /** The workflow to signal with receipts (PEC); defaults to the calling workflow. */
  workflowId?: string | null;
}

export interface NotifyResult {
  outboxId: string;
  messageId: string;
  status: string;
  /** true when an earlier attempt had already submitted it. */
  alreadySent: boolean;
  /** Normalised recipient address (e-mail lower-cased, phone in E.164). */
  address: string;
}

/** Reads documents for attachments (the document store's repository). */
export interface DocumentReader {
  readDocument(bodyId: string, id: string): Promise<{ record: { filename: string; mediaType: string }; bytes: Buffer } | null>;
}

export interface ChannelAdapters {
  email: ChannelAdapter;
  sms: ChannelAdapter;
  postal: ChannelAdapter;
  /** The body's own PEC account (per-body SMTP submission and receipt mailbox). */
  pec(settings: CommunicationSettings): ChannelAdapter;
}

export interface NotifyDeps {
  sequelize: Sequelize;
  adapters: ChannelAdapters;
  /** Opens the body's PEC password; absent: PEC cannot be used. */
  box?: SecretBox | undefined;
  documents?: DocumentReader | undefined;
  /** Host part of the Message-IDs, e.g. the public host name. */
  messageIdHost: string;
  /** Fallback sender when the body has none (MAIL_FROM). */
  defaultFrom: string;
  /** How long a `sending` row belongs to the attempt that began it. */
  leaseMs: number;
  /** Composes `caseNotice` messages (absent: they are refused). */
  composeCaseNotice?: ((bodyId: string, ref: CaseNoticeRef, recipientName: string | null) => Promise<Omit<Notice, 'bodyName'>>) | undefined;
}

/** A deterministic Message-ID: a retry after a crash re-sends the same message, which receivers can dedupe. */
export function messageIdFor(key: string, host: string): string {
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 40)}@${host}>`;
}

export function adapterFor(adapters: ChannelAdapters, channel: Channel, settings: CommunicationSettings): ChannelAdapter {
  if (channel === 'email') return adapters.email;
  if (channel === 'pec') return adapters.pec(settings);
  if (channel === 'sms') return adapters.sms;
  return adapters.postal;
}

export function senderOf(channel: Channel, settings: CommunicationSettings, defaultFrom: string): { address: string; name: string } {
  if (channel === 'pec') return { address: settings.pec!.address, name: settings.senderName ?? settings.bodyName };
  return { address: settings.senderEmail ?? defaultFrom, name: settings.senderName ?? settings.bodyName };
}

function callerWorkflowId(): string | null {
  try {
    return Context.current().info.workflowExecution?.workflowId ?? null;
  } catch {
    return null;
  }
}

export function createNotify(deps: NotifyDeps) {
  async function loadAttachments(bodyId: string, ids: string[]): Promise<OutgoingAttachment[]> {
    if (ids.length === 0) return [];
    if (!deps.documents) throw ApplicationFailure.nonRetryable('attachments need the document store', 'ATTACHMENT_NOT_FOUND');
    return Promise.all(
      ids.map(async (id) => {
        const doc = await deps.documents!.readDocument(bodyId, id).catch(() => null);
        if (!doc) throw ApplicationFailure.nonRetryable(`document ${id} not found in this body`, 'ATTACHMENT_NOT_FOUND');
        return { filename: doc.record.filename, contentType: doc.record.mediaType, content: doc.bytes };
      }),
    );
  }

  return async function notify(input: NotifyInput): Promise<NotifyResult> {
    if (!input.idempotencyKey || input.idempotencyKey.length > 300) throw ApplicationFailure.nonRetryable('an idempotency key is required', 'VALIDATION_FAILED');
    if (input.template === 'notice' ? !input.notice && !(input.caseNotice && deps.composeCaseNotice) : !isEmailTemplate(input.template)) throw ApplicationFailure.nonRetryable(`unknown template ${String(input.template)}`, 'VALIDATION_FAILED');
    const locale: Locale = input.locale ?? 'it';
    const recipient = await resolveRecipient(deps.sequelize, input.bodyId, input.channel, input.recipient);
    const settings = await getCommunicationSettings(deps.sequelize, input.bodyId, deps.box);
    if (!settings) throw ApplicationFailure.nonRetryable(`unknown body ${input.bodyId}`, 'UNKNOWN_BODY');
    if (input.channel === 'pec' && !settings.pec) throw ApplicationFailure.nonRetryable('the body has no PEC account configured', 'PEC_NOT_CONFIGURED');
    const adapter = adapterFor(deps.adapters, input.channel, settings);

    const entry = await claimOutboxEntry(deps.sequelize, {
      bodyId: input.bodyId,
      idempotencyKey: input.idempotencyKey,
      channel: input.channel,
      template: input.template === 'notice' ? `notice:${input.data.event ?? 'generic'}` : input.template,
      locale,
      recipientAddress: recipient.address,
      recipientName: recipient.name,
      subjectId: recipient.subjectId,
      caseId: input.caseId ?? null,
      workflowId: input.workflowId ?? callerWorkflowId(),
      messageId: messageIdFor(input.idempotencyKey, deps.messageIdHost),
      provider: adapter.provider,
      attachments: input.attachments ?? [],
    });
    const result = (status: string, alreadySent: boolean): NotifyResult => ({ outboxId: entry.id, messageId: entry.messageId, status, alreadySent, address: recipient.address });
    if (entry.status === 'failed') throw ApplicationFailure.nonRetryable(`message ${entry.id} was refused for good`, 'MESSAGE_REJECTED');
    // A manual postal task stays `pending` until the operator posts it: nothing more to do here.
    if (isPostalChannel(input.channel) && entry.attempts > 0 && entry.status === 'pending') return result('pending', true);

    const data = { ...input.data, bodyName: input.data.bodyName ?? settings.bodyName, signature: settings.signature ?? settings.bodyName };
    const email =
      input.template === 'notice'
        ? await renderNotice(locale, { ...(input.notice ?? (await deps.composeCaseNotice!(input.bodyId, input.caseNotice!, recipient.name))), bodyName: data.bodyName })
        : (await compileEmail(input.template, locale, data, ['recipientName'])).render({ recipientName: recipient.name ?? '' });
    const attachments = await loadAttachments(input.bodyId, input.attachments ?? []);
    const decision = await takeForSending(deps.sequelize, entry, adapter, { bodyId: input.bodyId, address: recipient.address }, deps.leaseMs, email.subject);
    if (decision.action === 'done') return result(decision.status, true);
    if (decision.action === 'failed') throw ApplicationFailure.nonRetryable(`message ${entry.id} was refused for good`, 'MESSAGE_REJECTED');

    const message: OutgoingMessage = {
      outboxId: entry.id,
      bodyId: input.bodyId,
      channel: input.channel,
      messageId: entry.messageId,
      to: { address: recipient.address, name: recipient.name },
      from: senderOf(input.channel, settings, deps.defaultFrom),
      replyTo: settings.replyTo,
      subject: email.subject,
      text: email.text,
      attachments,
    };
    if (input.channel === 'email' || input.channel === 'pec') message.html = email.html;
    // PEC: ask the provider for full receipts (the original message inside the delivery receipt).
    if (input.channel === 'pec') message.headers = { 'X-TipoRicevuta': 'completa' };
    const outcome = await submitAndRecord(deps.sequelize, adapter, message);
    if (outcome.status === 'failed') throw ApplicationFailure.nonRetryable(`message ${entry.id} refused (${outcome.errorCode})`, 'MESSAGE_REJECTED');
    return result(outcome.status, false);
  };
}
