/**
 * Activities of the mailbox registration (workflows/protocol-mail): register the message as an
 * incoming entry, then move it to `sfera_msg_prot`. Both idempotent: the entry's ID and source key
 * derive from account + UIDVALIDITY + UID, so a retry after a crash finds the entry instead of
 * registering again; the move is safe to repeat (see imap-mailbox.ts).
 */
import { ApplicationFailure } from '@temporalio/activity';
import { simpleParser } from 'mailparser';
import type { Sequelize } from 'sequelize';
import { detectFileType } from '../../domain/documents/file-types';
import { DomainError } from '../../domain/errors';
import { matchSender, mailMessageKey } from '../../domain/protocol/mailbox';
import { PROTOCOL_DOCUMENT_TYPES, type Correspondent, type EntryInput } from '../../domain/protocol/entry';
import type { DocumentRepository } from '../../db/repositories/documents';
import { registerEntry, type AttachmentBytes } from '../../db/repositories/protocol/entries';
import { findMailImport, getMailAccount, recordMove, registrySubjectsFor } from '../../db/repositories/protocol/mail-accounts';
import { execute, nameBasedUuid, select } from '../../db/repositories/protocol/sql';
import { fetchWaitingSource, moveToRegistered } from './imap-mailbox';

export interface ProtocolMailDeps {
  sequelize: Sequelize;
  documents: DocumentRepository;
  credentialKey: Buffer;
  now?: () => Date;
}

/** What the operator confirmed in the preview. */
export interface MailRegistrationForm {
  subject?: string | undefined;
  classificationCode: string;
  correspondents?: Correspondent[] | undefined;
  file?: EntryInput['file'];
  confidential?: boolean | undefined;
}

export interface MailRegistrationInput {
  bodyId: string;
  accountId: string;
  uidValidity: string;
  uid: number;
  form: MailRegistrationForm;
  by: string;
  workflowId: string;
}

export interface MailRegistrationResult {
  entryId: string;
  protocolId: string;
  messageId: string | null;
}

export function mailEntryId(bodyId: string, messageKey: string): string {
  return nameBasedUuid('protocol-mail', bodyId, messageKey);
}

/** Business failures do not improve on retry. */
function asFailure(err: unknown): unknown {
  if (err instanceof DomainError) return ApplicationFailure.create({ type: err.code, message: err.code, nonRetryable: err.code !== 'MAILBOX_UNAVAILABLE', details: [err.fields] });
  return err;
}

export function createProtocolMailActivities(deps: ProtocolMailDeps) {
  const { sequelize, documents, credentialKey } = deps;
  const now = deps.now ?? (() => new Date());

  return {
    async registerMailMessage(input: MailRegistrationInput): Promise<MailRegistrationResult> {
      try {
        const account = await getMailAccount(sequelize, credentialKey, input.bodyId, input.accountId);
        const messageKey = mailMessageKey(account.id, input.uidValidity, input.uid);
        const entryId = mailEntryId(input.bodyId, messageKey);
        const done = await findMailImport(sequelize, input.bodyId, account.id, messageKey);
        const [known] = await select<{ protocol_id: string; message_id: string | null }>(
          sequelize,
          `SELECT r.code || '/' || e.year || '/' || lpad(e.number::text, 7, '0') AS protocol_id, i.message_id
           FROM protocol_entries e JOIN protocol_registers r ON r.id = e.register_id
           JOIN protocol_mail_imports i ON i.entry_id = e.id WHERE e.body_id = :bodyId AND e.id = :entryId`,
          { bodyId: input.bodyId, entryId },
        );
        if (done && known) return { entryId, protocolId: known.protocol_id, messageId: known.message_id };

        const source = await fetchWaitingSource(account, input.uidValidity, input.uid);
        const parsed = await simpleParser(source);
        const sender = parsed.from?.value[0];
        const matched = matchSender(sender?.address, await registrySubjectsFor(sequelize, input.bodyId, sender?.address ?? null));
        const fromAddress = sender?.address ?? undefined;
        const correspondents: Correspondent[] = input.form.correspondents?.length
          ? input.form.correspondents
          : [{
              kind: 'other',
              name: matched?.displayName || sender?.name || fromAddress || 'Mittente sconosciuto',
              ...(account.kind === 'pec' ? { pec: fromAddress } : { email: fromAddress }),
              ...(matched ? { subjectId: matched.id } : {}),
            }];
        // The message itself (.eml) is the primary document; its attachments of admitted types follow.
        const attachments: AttachmentBytes[] = [{ filename: 'messaggio.eml', bytes: source, description: 'Messaggio originale' }];
        for (const a of parsed.attachments) {
          const type = detectFileType(a.content);
          if (type && PROTOCOL_DOCUMENT_TYPES.includes(type.mediaType)) attachments.push({ filename: a.filename ?? `allegato.${type.extension}`, bytes: a.content });
        }
        const { entry } = await registerEntry(
          { sequelize, documents, now },
          {
            bodyId: input.bodyId,
            entryId,
            entry: {
              registerId: account.registerId,
              direction: 'incoming',
              channel: account.kind,
              correspondents,
              subject: (input.form.subject ?? parsed.subject ?? '').trim() || '(senza oggetto)',
              classificationCode: input.form.classificationCode,
              receivedDocument: undefined,
              confidential: input.form.confidential ?? false,
              file: input.form.file,
            },
            attachments,
            registeredBy: input.by,
            sourceKey: `mail:${messageKey}`,
            workflowId: input.workflowId,
            admitted: PROTOCOL_DOCUMENT_TYPES,
            alsoInTransaction: (t) =>
              execute(
                sequelize,
                `INSERT INTO protocol_mail_imports (body_id, account_id, message_key, uid_validity, uid, message_id, entry_id, workflow_id, registered_at)
                 VALUES (:bodyId, :accountId, :messageKey, :uidValidity, :uid, :messageId, :entryId, :workflowId, :at)`,
                { bodyId: input.bodyId, accountId: account.id, messageKey, uidValidity: input.uidValidity, uid: input.uid, messageId: parsed.messageId ?? null, entryId, workflowId: input.workflowId, at: now() },
                t,
              ),
          },
        );
        return { entryId, protocolId: entry.protocolId, messageId: parsed.messageId ?? null };
      } catch (err) {
        throw asFailure(err);
      }
    },

    async moveRegisteredMessage(input: { bodyId: string; accountId: string; uidValidity: string; uid: number; messageId: string | null }): Promise<'moved' | 'already_moved' | 'missing'> {
      try {
        const account = await getMailAccount(sequelize, credentialKey, input.bodyId, input.accountId);
        const messageKey = mailMessageKey(account.id, input.uidValidity, input.uid);
        const done = await findMailImport(sequelize, input.bodyId, account.id, messageKey);
        if (done?.moveOutcome) return done.moveOutcome as 'moved' | 'already_moved' | 'missing';
        const outcome = await moveToRegistered(account, input);
        await recordMove(sequelize, input.bodyId, account.id, messageKey, outcome, now());
        return outcome;
      } catch (err) {
        throw asFailure(err);
      }
    },
  };
}
