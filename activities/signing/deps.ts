import type { Sequelize } from 'sequelize';
import type { Config } from '../../config';
import { createFileStore } from '../../db/file-store';
import { createDocumentRepository, type DocumentRepository } from '../../db/repositories/documents';

export interface SigningDeps {
  sequelize: Sequelize;
  config: Config;
  documents: DocumentRepository;
}

export function signingDeps(deps: { sequelize: Sequelize; config: Config; documents?: DocumentRepository }): SigningDeps {
  return { ...deps, documents: deps.documents ?? createDocumentRepository(deps.sequelize, createFileStore(deps.config.FILE_STORE_DIR)) };
}
