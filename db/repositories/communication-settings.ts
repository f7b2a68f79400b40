import { QueryTypes, type Sequelize } from 'sequelize';
import type { SecretBox } from '../../config/secret-box';
import { appendAudit } from './audit';

/** A body's PEC account at its provider: SMTP submission and the IMAP mailbox where receipts arrive. */
export interface PecAccount {
  address: string;
  /** smtp(s)://host:port, without credentials. */
  smtpUrl: string;
  /** imap(s)://host:port, without credentials. */
  imapUrl: string;
  username: string;
  password: string;
}

export interface CommunicationSettings {
  bodyId: string;
  bodyName: string;
  senderName: string | null;
  senderEmail: string | null;
  replyTo: string | null;
  signature: string | null;
  /** Where alerts for the secretariat go (e.g. a PEC not delivered). */
  secretariatEmail: string | null;
  pec: PecAccount | null;
  smsSender: string | null;
  /** Messages per second per mailing, by channel; missing: the default. */
  rateLimits: Record<string, number>;
}

export interface CommunicationSettingsInput {
  senderName?: string | null;
  senderEmail?: string | null;
  replyTo?: string | null;
  signature?: string | null;
  secretariatEmail?: string | null;
  pec?: { address: string; smtpUrl: string; imapUrl: string; username: string; password?: string } | null;
  smsSender?: string | null;
  rateLimits?: Record<string, number>;
}

interface Row {
  body_name: string;
  sender_name: string | null;
  sender_email: string | null;
  reply_to: string | null;
  signature: string | null;
  secretariat_email: string | null;
  pec_address: string | null;
  pec_smtp_url: string | null;
  pec_imap_url: string | null;
  pec_username: string | null;
  pec_password_enc: string | null;
  sms_sender: string | null;
  rate_limits: Record<string, number> | null;
}

/** The body's settings (defaults when it has none); the PEC password is decrypted only when `box` is given. */
export async function getCommunicationSettings(sequelize: Sequelize, bodyId: string, box?: SecretBox): Promise<CommunicationSettings | null> {
  const [r] = await sequelize.query<Row>(
    `SELECT b.name AS body_name, s.sender_name, s.sender_email, s.reply_to, s.signature, s.secretariat_email, s.pec_address,
            s.pec_smtp_url, s.pec_imap_url, s.pec_username, s.pec_password_enc, s.sms_sender, s.rate_limits
       FROM bodies b LEFT JOIN communication_settings s ON s.body_id = b.id WHERE b.id = :bodyId`,
    { type: QueryTypes.SELECT, replacements: { bodyId } },
  );
  if (!r) return null;
  const hasPec = r.pec_address && r.pec_smtp_url && r.pec_imap_url && r.pec_username && r.pec_password_enc;
  return {
    bodyId,
    bodyName: r.body_name,
    senderName: r.sender_name,
    senderEmail: r.sender_email,
    replyTo: r.reply_to,
    signature: r.signature,
    secretariatEmail: r.secretariat_email,
    pec: hasPec
      ? { address: r.pec_address!, smtpUrl: r.pec_smtp_url!, imapUrl: r.pec_imap_url!, username: r.pec_username!, password: box ? box.open(r.pec_password_enc!) : '' }
      : null,
    smsSender: r.sms_sender,
    rateLimits: r.rate_limits ?? {},
  };
}

/** Saves the body's settings (the PEC password sealed; omitted: kept) with its audit row, in one transaction. */
export async function saveCommunicationSettings(
  sequelize: Sequelize,
  bodyId: string,
  input: CommunicationSettingsInput,
  box: SecretBox,
  by: { userId: string | null; requestId?: string | null },
): Promise<void> {
  await sequelize.transaction(async (transaction) => {
    const pec = input.pec;
    await sequelize.query(
      `INSERT INTO communication_settings (body_id, sender_name, sender_email, reply_to, signature, secretariat_email,
         pec_address, pec_smtp_url, pec_imap_url, pec_username, pec_password_enc, sms_sender, rate_limits, updated_at)
       VALUES (:bodyId, :senderName, :senderEmail, :replyTo, :signature, :secretariatEmail,
         :pecAddress, :pecSmtpUrl, :pecImapUrl, :pecUsername, :pecPassword, :smsSender, :rateLimits, now())
       ON CONFLICT (body_id) DO UPDATE SET sender_name = EXCLUDED.sender_name, sender_email = EXCLUDED.sender_email,
         reply_to = EXCLUDED.reply_to, signature = EXCLUDED.signature, secretariat_email = EXCLUDED.secretariat_email,
         pec_address = EXCLUDED.pec_address, pec_smtp_url = EXCLUDED.pec_smtp_url, pec_imap_url = EXCLUDED.pec_imap_url,
         pec_username = EXCLUDED.pec_username,
         pec_password_enc = CASE WHEN EXCLUDED.pec_address IS NULL THEN NULL
                                 ELSE COALESCE(EXCLUDED.pec_password_enc, communication_settings.pec_password_enc) END,
         sms_sender = EXCLUDED.sms_sender, rate_limits = EXCLUDED.rate_limits, updated_at = now()`,
      {
        transaction,
        replacements: {
          bodyId,
          senderName: input.senderName ?? null,
          senderEmail: input.senderEmail ?? null,
          replyTo: input.replyTo ?? null,
          signature: input.signature ?? null,
          secretariatEmail: input.secretariatEmail ?? null,
          pecAddress: pec?.address ?? null,
          pecSmtpUrl: pec?.smtpUrl ?? null,
          pecImapUrl: pec?.imapUrl ?? null,
          pecUsername: pec?.username ?? null,
          pecPassword: pec?.password ? box.seal(pec.password) : null,
          smsSender: input.smsSender ?? null,
          rateLimits: JSON.stringify(input.rateLimits ?? {}),
        },
      },
    );
    await appendAudit(
      { bodyId, userId: by.userId, requestId: by.requestId ?? null, action: 'communications.settings_saved', entityType: 'body', entityId: bodyId, details: { pec: pec ? 'set' : 'none', pecPasswordChanged: Boolean(pec?.password) } },
      transaction,
    );
  });
}

/** Bodies with a complete PEC account (their receipt pollers must run). */
export async function listBodiesWithPec(sequelize: Sequelize): Promise<string[]> {
  const rows = await sequelize.query<{ body_id: string }>(
    `SELECT body_id FROM communication_settings
      WHERE pec_address IS NOT NULL AND pec_smtp_url IS NOT NULL AND pec_imap_url IS NOT NULL AND pec_username IS NOT NULL AND pec_password_enc IS NOT NULL
      ORDER BY body_id`,
    { type: QueryTypes.SELECT },
  );
  return rows.map((r) => r.body_id);
}
