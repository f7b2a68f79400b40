import nodemailer from 'nodemailer';
import type { Sequelize } from 'sequelize';
import type { Config } from '../../config';
import { createNotifyCase } from './notify-case';
import { createSendEmail } from './send-email';

/** Outgoing communications; e-mail over SMTP for now (PEC, SMS and registered mail follow, issue #4). */
export function createNotifyActivities({ sequelize, config }: { sequelize: Sequelize; config: Config }) {
  const transport = nodemailer.createTransport(config.SMTP_URL);
  const sendEmail = createSendEmail({ sequelize, transport, from: config.MAIL_FROM, messageIdHost: new URL(config.PUBLIC_BASE_URL).hostname });
  return { sendEmail, notifyCase: createNotifyCase({ sequelize, config, sendEmail }) };
}
