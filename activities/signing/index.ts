import type { Sequelize } from 'sequelize';
import type { Config } from '../../config';
import type { DocumentRepository } from '../../db/repositories/documents';
import { signingDeps } from './deps';
import { createSealPdf } from './seal-pdf';

/** Signing activities: the body's seal now; the signature cycle's steps are added beside it. */
export function createSigningActivities(deps: { sequelize: Sequelize; config: Config; documents?: DocumentRepository }) {
  const d = signingDeps(deps);
  return {
    sealPdf: createSealPdf(d),
  };
}
