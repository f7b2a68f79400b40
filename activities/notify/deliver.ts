/**
 * The exactly-once core shared by single notifications and mailing chunks: what to do with an outbox
 * row found in each status, and how a submission's outcome is recorded.
 *
 * A row is written (`pending`) before anything is sent and moved to `sending` in its own committed
 * transaction right before the submission; the outcome is recorded after. A retry that finds
 * `sending` cannot know on its own whether the server accepted the message (the process may have died
 * between the server's 250 and our update), so it waits until the previous attempt's lease is over
 * (a dying process's last bytes have long reached the server) and asks the adapter's check
 * (`wasAccepted`: the mail server's acceptance ledger, a journal mailbox, the PEC acceptance
 * receipt, the SMS provider's message list). Yes: recorded as sent, not sent again. No: sent again.
 * No check available: sent again, and the event says so (at-least-once, same Message-ID).
 */
import { Context } from '@temporalio/activity';
import type { Sequelize } from 'sequelize';
import { beginSending, setOutboxStatus, setOutboxStatuses, type OutboxEntry } from '../../db/repositories/outbox';
import type { ChannelAdapter, OutgoingMessage, SubmitResult } from './channels/types';
import { PermanentSendError, smtpErrorCode } from './channels/types';

/** Statuses in which nothing is left to submit. */
export const doneStatuses = new Set(['sent', 'recorded', 'accepted', 'delayed', 'delivered', 'not_accepted', 'not_delivered', 'skipped', 'posted', 'returned']);

export type Resolution = { action: 'send' } | { action: 'done'; status: string } | { action: 'failed' };

function heartbeatSafe(detail?: unknown) {
  try {
    Context.current().heartbeat(detail);
  } catch {
    /* outside an activity (scripts, tests) */
  }
}

async function sleepWithHeartbeat(ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    heartbeatSafe({ waiting: 'lease' });
    await new Promise((r) => setTimeout(r, Math.min(1000, until - Date.now())));
  }
}

/**
 * Decides about one row before a submission and, when it must be submitted, takes it into `sending`
 * (committed before the caller submits). For a row left in `sending` it first runs the check.
 */
export async function takeForSending(
  sequelize: Sequelize,
  entry: OutboxEntry,
  adapter: ChannelAdapter,
  target: { bodyId: string; address: string },
  leaseMs: number,
  subject?: string,
): Promise<Resolution> {
  if (doneStatuses.has(entry.status)) return { action: 'done', status: entry.status };
  if (entry.status === 'failed') return { action: 'failed' };
  let detail: Record<string, unknown> = {};
  if (entry.status === 'sending') {
    // A previous attempt began a submission and never recorded its outcome.
    const age = entry.sendingAt ? Date.now() - entry.sendingAt.getTime() : leaseMs;
    if (age < leaseMs) await sleepWithHeartbeat(leaseMs - age);
    if (adapter.wasAccepted) {
      const accepted = await adapter.wasAccepted({ bodyId: target.bodyId, messageId: entry.messageId, address: target.address, providerRef: entry.providerRef });
      if (accepted) {
        await setOutboxStatus(sequelize, entry.id, 'sent', { resolvedBy: 'acceptance-check', provider: adapter.provider });
        return { action: 'done', status: 'sent' };
      }
      detail = { retry: 'not-accepted-by-check' };
    } else {
      detail = { retry: 'no-check-available' };
    }
  }
  // Compare-and-set: if another attempt took the row meanwhile, let Temporal retry this one later.
  if (!(await beginSending(sequelize, entry, detail, subject))) throw new Error(`outbox ${entry.id} is being sent by another attempt`);
  return { action: 'send' };
}

export interface SubmitOutcome {
  status: SubmitResult['status'] | 'failed';
  providerRef: string | null;
  errorCode?: string;
}

/**
 * Submits one message whose row is already `sending`, and records the outcome. A permanent refusal is
 * recorded as failed and returned; a transient error puts the row back to `pending` and is thrown
 * (Temporal retries with backoff).
 */
export async function submitAndRecord(sequelize: Sequelize, adapter: ChannelAdapter, message: OutgoingMessage): Promise<SubmitOutcome> {
  let result: SubmitResult;
  try {
    result = await adapter.submit(message);
  } catch (err) {
    if (err instanceof PermanentSendError) {
      await setOutboxStatus(sequelize, message.outboxId, 'failed', { code: err.code, provider: adapter.provider }, { lastError: err.code });
      return { status: 'failed', providerRef: null, errorCode: err.code };
    }
    const code = smtpErrorCode(err);
    await setOutboxStatus(sequelize, message.outboxId, 'pending', { retry: code, provider: adapter.provider }, { lastError: code });
    throw err;
  }
  // Guarded: a PEC acceptance receipt read meanwhile has already moved the message further.
  await setOutboxStatuses(
    sequelize,
    [{ id: message.outboxId, status: result.status, detail: { ...result.detail, provider: result.provider }, provider: result.provider, providerRef: result.providerRef ?? null }],
    { from: ['sending'] },
  );
  return { status: result.status, providerRef: result.providerRef ?? null };
}
