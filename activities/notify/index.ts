import nodemailer from 'nodemailer';
import type { Sequelize } from 'sequelize';
import type { Config } from '../../config';
import { createSecretBox } from '../../config/secret-box';
import { acceptedLookupFrom } from './channels/accepted-ledger';
import { createSmtpEmailAdapter } from './channels/email-smtp';
import { createPecAdapterFactory } from './channels/pec-smtp';
import { createManualPostalAdapter } from './channels/postal-manual';
import { createRecordOnlySmsAdapter } from './channels/sms-record';
import { createTwilioSmsAdapter } from './channels/sms-twilio';
import { createMailingActivities } from './mailing';
import { createNotify, type ChannelAdapters } from './notify';
import { createCaseNoticeComposer, createNotifyCase } from './notify-case';
import { createAlertSecretariat } from './pec/alert-secretariat';
import { createPollPecReceipts } from './pec/poll-receipts';
import { createSendEmail } from './send-email';
import { createFileStore } from '../../db/file-store';
import { createDocumentRepository } from '../../db/repositories/documents';

export interface NotifyActivityDeps {
  sequelize: Sequelize;
  config: Config;
}

/** The channel adapters the configuration asks for. */
export function createChannelAdapters(config: Config): ChannelAdapters {
  const transport = nodemailer.createTransport({ ...smtpOptions(config.SMTP_URL), pool: true, maxConnections: config.SMTP_POOL_MAX_CONNECTIONS, maxMessages: Infinity });
  const lookup = acceptedLookupFrom(config.MAIL_ACCEPTED_LOOKUP);
  const pecFor = createPecAdapterFactory();
  return {
    email: createSmtpEmailAdapter(transport, lookup),
    sms: config.SMS_PROVIDER === 'twilio' ? createTwilioSmsAdapter(config) : createRecordOnlySmsAdapter(),
    postal: createManualPostalAdapter(),
    pec: (settings) => pecFor(settings.pec!),
  };
}

function smtpOptions(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || (u.protocol === 'smtps:' ? 465 : 25)),
    secure: u.protocol === 'smtps:',
    ...(u.username ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } } : {}),
    ...(u.hostname === '127.0.0.1' || u.hostname === 'localhost' ? { ignoreTLS: true } : {}),
  };
}

/** Outgoing communications on every channel: the notification service, mailings and PEC receipts. */
export function createNotifyActivities({ sequelize, config }: NotifyActivityDeps) {
  const documents = createDocumentRepository(sequelize, createFileStore(config.FILE_STORE_DIR));
  const adapters = createChannelAdapters(config);
  const box = createSecretBox(config);
  const messageIdHost = new URL(config.PUBLIC_BASE_URL).hostname;
  const leaseMs = 15_000;
  const notifyDeps = { sequelize, adapters, box, documents, messageIdHost, defaultFrom: config.MAIL_FROM, leaseMs, composeCaseNotice: createCaseNoticeComposer({ sequelize, config }) };
  const notify = createNotify(notifyDeps);
  const sendEmail = createSendEmail({
    sequelize,
    transport: nodemailer.createTransport(config.SMTP_URL),
    from: config.MAIL_FROM,
    messageIdHost,
    lookup: acceptedLookupFrom(config.MAIL_ACCEPTED_LOOKUP),
    leaseMs,
  });
  return {
    sendEmail,
    notifyCase: createNotifyCase({ sequelize, config, sendEmail }),
    notify,
    alertPecNotDelivered: createAlertSecretariat({ sequelize, defaultFrom: config.MAIL_FROM, notify }),
    pollPecReceipts: createPollPecReceipts({ sequelize, box, documents }),
    ...createMailingActivities({ ...notifyDeps, config }),
  };
}
