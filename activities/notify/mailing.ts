/**
 * Mass sending: the activities of the `mailing` workflow. The audience is resolved once into numbered
 * recipients; each chunk (a range of them) is sent with the same exactly-once rules as single
 * messages (deliver.ts), but with the outbox written in a few statements per chunk instead of per
 * message, the template rendered by mjml once per mailing, and the submissions concurrent over the
 * pooled SMTP transport.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Sequelize } from 'sequelize';
import type { Config } from '../../config';
import type { SecretBox } from '../../config/secret-box';
import { signUnsubscribeToken } from '../../config/signed-links';
import { getCommunicationSettings, type CommunicationSettings } from '../../db/repositories/communication-settings';
import {
  getMailing,
  mailingRecipients,
  resolveMailingRecipients,
  setMailingState,
  unsubscribedAmong,
  type MailingRecord,
} from '../../db/repositories/mailings';
import { claimOutboxEntries, setOutboxStatuses, type OutboxEntry, type StatusChange } from '../../db/repositories/outbox';
import type { MailingState } from '../../domain/notify/mailing';
import type { ChannelAdapter, OutgoingMessage } from './channels/types';
import { PermanentSendError, smtpErrorCode } from './channels/types';
import { doneStatuses, takeForSending } from './deliver';
import { adapterFor, messageIdFor, senderOf, type ChannelAdapters } from './notify';
import { compileEmail, type CompiledEmail } from './render-email';

export interface MailingDeps {
  sequelize: Sequelize;
  adapters: ChannelAdapters;
  box?: SecretBox | undefined;
  messageIdHost: string;
  defaultFrom: string;
  leaseMs: number;
  config: Config;
}

export interface ChunkInput {
  bodyId: string;
  mailingId: string;
  from: number;
  to: number;
}

export interface ChunkCounts {
  sent: number;
  failed: number;
  skipped: number;
}

export const mailingMessageKey = (mailingId: string, seq: number) => `mailing:${mailingId}:${seq}`;

interface Prepared {
  mailing: MailingRecord;
  settings: CommunicationSettings;
  adapter: ChannelAdapter;
  compiled: CompiledEmail;
}

function heartbeat(detail: unknown) {
  try {
    Context.current().heartbeat(detail);
  } catch {
    /* outside an activity */
  }
}

export function createMailingActivities(deps: MailingDeps) {
  // Content, settings and the compiled template per mailing: rendered once per worker process.
  const cache = new Map<string, Promise<Prepared>>();
  const unsubscribeBase = new URL('/api/public/unsubscribe', deps.config.PUBLIC_BASE_URL).toString();

  function prepared(bodyId: string, mailingId: string): Promise<Prepared> {
    let p = cache.get(mailingId);
    if (!p) {
      p = (async () => {
        const mailing = await getMailing(deps.sequelize, bodyId, mailingId);
        if (!mailing) throw ApplicationFailure.nonRetryable(`mailing ${mailingId} not found`, 'NOT_FOUND');
        const settings = await getCommunicationSettings(deps.sequelize, bodyId, deps.box);
        if (!settings) throw ApplicationFailure.nonRetryable(`unknown body ${bodyId}`, 'UNKNOWN_BODY');
        if (mailing.channel === 'pec' && !settings.pec) throw ApplicationFailure.nonRetryable('the body has no PEC account configured', 'PEC_NOT_CONFIGURED');
        const template = mailing.kind === 'newsletter' ? 'newsletter' : 'generic';
        const data = { title: mailing.subject, message: mailing.message, bodyName: settings.bodyName, signature: settings.signature ?? settings.bodyName };
        const compiled = await compileEmail(template, 'it', data, ['recipientName', 'unsubscribeUrl']);
        return { mailing, settings, adapter: adapterFor(deps.adapters, mailing.channel, settings), compiled };
      })();
      p.catch(() => cache.delete(mailingId));
      cache.set(mailingId, p);
      if (cache.size > 50) cache.delete(cache.keys().next().value!);
    }
    return p;
  }

  return {
    /** Resolves the audience (once) and returns how many recipients the mailing has. */
    async prepareMailing({ bodyId, mailingId }: { bodyId: string; mailingId: string }): Promise<{ total: number }> {
      const mailing = await getMailing(deps.sequelize, bodyId, mailingId);
      if (!mailing) throw ApplicationFailure.nonRetryable(`mailing ${mailingId} not found`, 'NOT_FOUND');
      return { total: await resolveMailingRecipients(deps.sequelize, mailing) };
    },

    async recordMailingState({ bodyId, mailingId, state, by }: { bodyId: string; mailingId: string; state: MailingState; by: string | null }): Promise<void> {
      await setMailingState(deps.sequelize, bodyId, mailingId, state, { userId: by, workflowId: Context.current().info.workflowExecution?.workflowId ?? null });
      if (state === 'completed' || state === 'cancelled') cache.delete(mailingId);
    },

    /**
     * Sends recipients `from`..`to` of a mailing; returns the counts of that range (the same on a
     * retry: messages already sent are counted, not sent again). Transient errors put the affected
     * messages back to pending and fail the activity, so Temporal retries just those.
     */
    async sendMailingChunk(input: ChunkInput): Promise<ChunkCounts> {
      const { mailing, settings, adapter, compiled } = await prepared(input.bodyId, input.mailingId);
      const workflowId = mailing.workflowId;
      const recipients = await mailingRecipients(deps.sequelize, input.bodyId, input.mailingId, input.from, input.to);
      const entries = await claimOutboxEntries(
        deps.sequelize,
        recipients.map((r) => ({
          bodyId: input.bodyId,
          idempotencyKey: mailingMessageKey(input.mailingId, r.seq),
          channel: mailing.channel,
          template: mailing.kind === 'newsletter' ? 'newsletter' : 'generic',
          locale: 'it',
          recipientAddress: r.address,
          recipientName: r.name,
          subjectId: r.subjectId,
          caseId: null,
          workflowId,
          mailingId: input.mailingId,
          provider: adapter.provider,
          messageId: messageIdFor(mailingMessageKey(input.mailingId, r.seq), deps.messageIdHost),
        })),
      );
      const unsubscribed = mailing.kind === 'newsletter' ? await unsubscribedAmong(deps.sequelize, input.bodyId, recipients.map((r) => r.address)) : new Set<string>();
      const from = senderOf(mailing.channel, settings, deps.defaultFrom);
      const counts: ChunkCounts = { sent: 0, failed: 0, skipped: 0 };
      const count = (status: string) => {
        if (status === 'skipped') counts.skipped++;
        else if (status === 'failed' || status === 'not_accepted') counts.failed++;
        else counts.sent++;
      };

      const skips: StatusChange[] = [];
      const toTake: { entry: OutboxEntry; message: OutgoingMessage }[] = [];
      const ambiguous: { entry: OutboxEntry; message: OutgoingMessage }[] = [];
      for (const r of recipients) {
        const entry = entries.get(mailingMessageKey(input.mailingId, r.seq))!;
        if (doneStatuses.has(entry.status) || entry.status === 'failed') {
          count(entry.status);
          continue;
        }
        if (entry.status === 'pending' && unsubscribed.has(r.address)) {
          skips.push({ id: entry.id, status: 'skipped', detail: { reason: 'unsubscribed' } });
          continue;
        }
        const unsubscribeUrl = `${unsubscribeBase}?t=${signUnsubscribeToken(deps.config.LINK_SIGNING_SECRET, { bodyId: input.bodyId, list: 'newsletter', address: r.address })}`;
        const email = compiled.render({ recipientName: r.name ?? '', unsubscribeUrl });
        const message: OutgoingMessage = {
          outboxId: entry.id,
          bodyId: input.bodyId,
          channel: mailing.channel,
          messageId: entry.messageId,
          to: { address: r.address, name: r.name },
          from,
          replyTo: settings.replyTo,
          subject: email.subject,
          text: mailing.channel === 'sms' ? `${mailing.subject}: ${mailing.message}` : email.text,
          attachments: [],
          ...(mailing.channel === 'sms' ? {} : { html: email.html }),
          ...(mailing.kind === 'newsletter' && mailing.channel === 'email'
            ? { headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } }
            : {}),
        };
        (entry.status === 'sending' ? ambiguous : toTake).push({ entry, message });
      }
      if (skips.length) {
        const changed = await setOutboxStatuses(deps.sequelize, skips, { from: ['pending'] });
        counts.skipped += changed.length;
      }

      // Messages a crash left in `sending`: one by one through the check.
      const sendNow: { entry: OutboxEntry; message: OutgoingMessage }[] = [];
      for (const a of ambiguous) {
        const decision = await takeForSending(deps.sequelize, a.entry, adapter, { bodyId: input.bodyId, address: a.message.to.address }, deps.leaseMs);
        if (decision.action === 'send') sendNow.push(a);
        else count(decision.action === 'done' ? decision.status : 'failed');
      }
      // The others: into `sending` together, committed before the first byte leaves.
      if (toTake.length) {
        const taken = new Set(
          await setOutboxStatuses(
            deps.sequelize,
            toTake.map(({ entry, message }) => ({ id: entry.id, status: 'sending', subject: message.subject })),
            { from: ['pending'], countAttempt: true },
          ),
        );
        for (const t of toTake) if (taken.has(t.entry.id)) sendNow.push(t);
        if (taken.size < toTake.length) throw new Error('some messages of the chunk are being sent by another attempt');
      }

      const outcomes: StatusChange[] = [];
      let transient: unknown = null;
      let done = 0;
      await Promise.all(
        sendNow.map(async ({ entry, message }) => {
          try {
            const r = await adapter.submit(message);
            outcomes.push({ id: entry.id, status: r.status, detail: { ...r.detail, provider: r.provider }, providerRef: r.providerRef ?? null, provider: r.provider });
            count(r.status);
          } catch (err) {
            if (err instanceof PermanentSendError) {
              outcomes.push({ id: entry.id, status: 'failed', detail: { code: err.code }, lastError: err.code });
              counts.failed++;
            } else {
              const code = smtpErrorCode(err);
              outcomes.push({ id: entry.id, status: 'pending', detail: { retry: code }, lastError: code });
              transient ??= err;
            }
          }
          if (++done % 25 === 0) heartbeat({ done });
        }),
      );
      await setOutboxStatuses(deps.sequelize, outcomes, { from: ['sending'] });
      if (transient) throw transient;
      return counts;
    },
  };
}
