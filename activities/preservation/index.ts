import type { Sequelize } from 'sequelize';
import type { Config } from '../../config';
import type { DocumentRepository } from '../../db/repositories/documents';
import { signingDeps } from '../signing/deps';
import { createAuditPackages } from './audit';
import { createIngest } from './ingest';

/** Preservation activities: ingest of a submission, and the periodic audit of the archive. */
export function createPreservationActivities(deps: { sequelize: Sequelize; config: Config; documents?: DocumentRepository }) {
  const d = signingDeps(deps);
  return {
    ingestSubmission: createIngest(d),
    auditPackages: createAuditPackages(d),
  };
}
