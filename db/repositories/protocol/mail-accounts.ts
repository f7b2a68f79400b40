import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import type { Sequelize } from 'sequelize';
import { DomainError } from '../../../domain/errors';
import type { MailAccountInput, RegistrySubject } from '../../../domain/protocol/mailbox';
import type { MailAccountView } from '../../../domain/views/protocol';
import { appendAudit } from '../audit';
import { getRegister } from './registers';
import { execute, iso, select } from './sql';

/** An account with its password, for the IMAP adapter only (never returned by the API). */
export interface MailAccount extends MailAccountView {
  bodyId: string;
  password: string;
}

/** Key for the mailbox passwords, derived from the installation's link-signing secret (config). */
export function mailCredentialKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'mediazione-aperta', 'protocol-mail-credentials', 32));
}

export function sealPassword(key: Buffer, password: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(password, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), ct.toString('base64')].join(':');
}

export function openPassword(key: Buffer, sealed: string): string {
  const [v, iv, tag, ct] = sealed.split(':');
  if (v !== 'v1' || !iv || !tag || !ct) throw new Error('unknown credential format');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64')), decipher.final()]).toString('utf8');
}

interface Row {
  id: string;
  body_id: string;
  register_id: string;
  label: string;
  kind: 'email' | 'pec';
  host: string;
  port: number;
  secure: boolean;
  username: string;
  password_enc: string;
  parent_folder: string;
  created_at: Date;
}

const toView = (r: Row): MailAccountView => ({
  id: r.id, registerId: r.register_id, label: r.label, kind: r.kind, host: r.host, port: r.port, secure: r.secure,
  username: r.username, parentFolder: r.parent_folder, createdAt: iso(r.created_at),
});

export async function listMailAccounts(sequelize: Sequelize, bodyId: string, registerId?: string): Promise<MailAccountView[]> {
  const rows = await select<Row>(
    sequelize,
    'SELECT * FROM protocol_mail_accounts WHERE body_id = :bodyId AND active AND (:registerId::uuid IS NULL OR register_id = :registerId) ORDER BY label',
    { bodyId, registerId: registerId ?? null },
  );
  return rows.map(toView);
}

export async function getMailAccount(sequelize: Sequelize, key: Buffer, bodyId: string, id: string): Promise<MailAccount> {
  const [row] = /^[0-9a-f-]{36}$/i.test(id)
    ? await select<Row>(sequelize, 'SELECT * FROM protocol_mail_accounts WHERE body_id = :bodyId AND id = :id AND active', { bodyId, id })
    : [];
  if (!row) throw new DomainError('MAIL_ACCOUNT_NOT_FOUND');
  return { ...toView(row), bodyId: row.body_id, password: openPassword(key, row.password_enc) };
}

export async function createMailAccount(sequelize: Sequelize, key: Buffer, bodyId: string, input: MailAccountInput, by: string, requestId?: string): Promise<MailAccountView> {
  if (!(await getRegister(sequelize, bodyId, input.registerId))) throw new DomainError('REGISTER_NOT_FOUND', [{ path: 'registerId', code: 'UNKNOWN' }]);
  const id = randomUUID();
  await sequelize.transaction(async (t) => {
    await execute(
      sequelize,
      `INSERT INTO protocol_mail_accounts (id, body_id, register_id, label, kind, host, port, secure, username, password_enc, parent_folder)
       VALUES (:id, :bodyId, :registerId, :label, :kind, :host, :port, :secure, :username, :passwordEnc, :parentFolder)`,
      { id, bodyId, ...input, passwordEnc: sealPassword(key, input.password) },
      t,
    );
    await appendAudit({ bodyId, userId: by, action: 'protocol.mail_account_added', entityType: 'protocol_mail_account', entityId: id, requestId: requestId ?? null }, t);
  });
  return (await listMailAccounts(sequelize, bodyId)).find((a) => a.id === id)!;
}

export interface MailImport {
  entryId: string;
  movedAt: string | null;
  moveOutcome: string | null;
}

export async function findMailImport(sequelize: Sequelize, bodyId: string, accountId: string, messageKey: string): Promise<MailImport | null> {
  const [row] = await select<{ entry_id: string; moved_at: Date | null; move_outcome: string | null }>(
    sequelize,
    'SELECT entry_id, moved_at, move_outcome FROM protocol_mail_imports WHERE body_id = :bodyId AND account_id = :accountId AND message_key = :messageKey',
    { bodyId, accountId, messageKey },
  );
  return row ? { entryId: row.entry_id, movedAt: row.moved_at ? iso(row.moved_at) : null, moveOutcome: row.move_outcome } : null;
}

export async function recordMove(sequelize: Sequelize, bodyId: string, accountId: string, messageKey: string, outcome: 'moved' | 'already_moved' | 'missing', at: Date): Promise<void> {
  await execute(
    sequelize,
    `UPDATE protocol_mail_imports SET moved_at = COALESCE(moved_at, :at), move_outcome = COALESCE(move_outcome, :outcome)
     WHERE body_id = :bodyId AND account_id = :accountId AND message_key = :messageKey`,
    { bodyId, accountId, messageKey, outcome, at },
  );
}

/** The registry subjects whose e-mail or PEC is the sender's address. */
export async function registrySubjectsFor(sequelize: Sequelize, bodyId: string, address: string | null): Promise<RegistrySubject[]> {
  if (!address) return [];
  const rows = await select<{ id: string; kind: string; first_name: string | null; last_name: string | null; company_name: string | null; email: string | null; pec: string | null }>(
    sequelize,
    'SELECT id, kind, first_name, last_name, company_name, email, pec FROM subjects WHERE body_id = :bodyId AND (lower(email) = lower(:a) OR lower(pec) = lower(:a))',
    { bodyId, a: address },
  );
  return rows.map((r) => ({ id: r.id, displayName: r.kind === 'person' ? `${r.first_name} ${r.last_name}` : (r.company_name ?? ''), email: r.email, pec: r.pec }));
}

