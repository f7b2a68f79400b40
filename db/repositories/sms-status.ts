import { QueryTypes, type Sequelize } from 'sequelize';
import type { MessageStatus } from '../../domain/notify/channels';
import { nextSmsStatus, type TwilioMessageStatus } from '../../domain/notify/sms';

export interface SmsStatusReport {
  bodyId: string;
  outboxId: string;
  /** Twilio's MessageSid (SM…/MM…). */
  messageSid: string;
  reported: TwilioMessageStatus;
  /** Twilio's ErrorCode on failure (a number as text), never content. */
  errorCode: string | null;
}

/**
 * Applies a (verified) SMS status callback to its outbox row: the status moves forward only, with one
 * history row; a repeated or late callback changes nothing. A callback that arrives before the
 * submission was recorded (row still `sending`, no provider reference yet) records the SID itself.
 * `unknown`: no SMS of this body with that ID and SID.
 */
export async function applySmsStatus(sequelize: Sequelize, r: SmsStatusReport): Promise<{ result: 'changed' | 'unchanged' | 'unknown'; status?: MessageStatus }> {
  return sequelize.transaction(async (transaction) => {
    const [row] = await sequelize.query<{ status: MessageStatus; provider_ref: string | null }>(
      "SELECT status, provider_ref FROM outbox WHERE body_id = :bodyId AND id = :outboxId AND channel = 'sms' FOR UPDATE",
      { type: QueryTypes.SELECT, transaction, replacements: { bodyId: r.bodyId, outboxId: r.outboxId } },
    );
    if (!row || (row.provider_ref !== null && row.provider_ref !== r.messageSid)) return { result: 'unknown' };
    const next = nextSmsStatus(row.status, r.reported);
    if (!next) {
      if (row.provider_ref === null) {
        await sequelize.query('UPDATE outbox SET provider_ref = :sid WHERE id = :outboxId', { transaction, replacements: { sid: r.messageSid, outboxId: r.outboxId } });
      }
      return { result: 'unchanged', status: row.status };
    }
    const failed = next === 'failed' || next === 'not_delivered';
    await sequelize.query(
      `UPDATE outbox SET status = :next, provider_ref = :sid, updated_at = now(),
         last_error = CASE WHEN :failed THEN :error ELSE last_error END
       WHERE id = :outboxId`,
      { transaction, replacements: { next, sid: r.messageSid, outboxId: r.outboxId, failed, error: r.errorCode ? `TWILIO_${r.errorCode}` : null } },
    );
    await sequelize.query('INSERT INTO outbox_events (outbox_id, status, detail) VALUES (:outboxId, :next, :detail)', {
      transaction,
      replacements: { outboxId: r.outboxId, next, detail: JSON.stringify({ provider: 'twilio', twilioStatus: r.reported, ...(r.errorCode ? { code: `TWILIO_${r.errorCode}` } : {}) }) },
    });
    return { result: 'changed', status: next };
  });
}
