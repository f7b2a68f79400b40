import type { Sequelize } from 'sequelize';
import type { Config } from '../../config';
import type { DocumentRepository } from '../../db/repositories/documents';
import { createNotifyActivities } from '../notify';
import { createCycleActivities } from './cycle';
import { signingDeps } from './deps';
import { createSendOneTimeCode, outboxSmsSender, type SmsSender } from './one-time-codes';
import { createSealPdf } from './seal-pdf';

export interface SigningActivityDeps {
  sequelize: Sequelize;
  config: Config;
  documents?: DocumentRepository;
  /** SMS adapter for one-time codes (a provider's in production; the outbox record by default). */
  sms?: SmsSender;
}

/** Signing activities: the body's seal, and the steps of the signature cycle. */
export function createSigningActivities(deps: SigningActivityDeps) {
  const d = signingDeps(deps);
  const { sendEmail } = createNotifyActivities(deps);
  return {
    sealPdf: createSealPdf(d),
    sendOneTimeCode: createSendOneTimeCode({ sequelize: deps.sequelize, secret: deps.config.LINK_SIGNING_SECRET, sendEmail, sms: deps.sms ?? outboxSmsSender(deps.sequelize) }),
    ...createCycleActivities(d),
  };
}
