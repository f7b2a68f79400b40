import type { Sequelize } from 'sequelize';
import type { Config } from '../../config';
import { createFileStore } from '../../db/file-store';
import { createDocumentRepository } from '../../db/repositories/documents';
import { mailCredentialKey } from '../../db/repositories/protocol/mail-accounts';
import { createNotifyActivities } from '../notify';
import { createDayClosureActivities } from './day-closure';
import { createProtocolMailActivities } from './mail';

/** Protocol register activities: mailbox import (and the daily closure). */
export function createProtocolActivities({ sequelize, config }: { sequelize: Sequelize; config: Config }) {
  const documents = createDocumentRepository(sequelize, createFileStore(config.FILE_STORE_DIR));
  const { sendEmail } = createNotifyActivities({ sequelize, config });
  return {
    ...createProtocolMailActivities({ sequelize, documents, credentialKey: mailCredentialKey(config.LINK_SIGNING_SECRET) }),
    ...createDayClosureActivities({ sequelize, documents, config, sendEmail }),
  };
}
