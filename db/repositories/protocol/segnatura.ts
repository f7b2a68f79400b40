import type { Sequelize } from 'sequelize';
import { DomainError } from '../../../domain/errors';
import { classificationPath } from '../../../domain/protocol/classification';
import { buildSegnatura } from '../../../domain/protocol/segnatura';
import { getEntry } from './entry-view';
import { getRegister, listClassifications } from './registers';
import { select } from './sql';

/** The Allegato 6 segnatura of a registered entry (see domain/protocol/segnatura.ts). */
export async function segnaturaOf(sequelize: Sequelize, bodyId: string, entryId: string): Promise<{ xml: string; protocolId: string }> {
  const entry = await getEntry(sequelize, bodyId, entryId);
  if (!entry) throw new DomainError('PROTOCOL_ENTRY_NOT_FOUND');
  const [register, scheme, [body]] = await Promise.all([
    getRegister(sequelize, bodyId, entry.registerId),
    listClassifications(sequelize, bodyId),
    select<{ name: string }>(sequelize, 'SELECT name FROM bodies WHERE id = :bodyId', { bodyId }),
  ]);
  const file = entry.files[0];
  const xml = buildSegnatura({
    administration: { code: register!.administrationCode, name: body!.name },
    aoo: { code: register!.aooCode, name: register!.name },
    registerCode: register!.code,
    number: entry.number,
    registeredAt: new Date(entry.registeredAt),
    direction: entry.direction,
    subject: entry.subject,
    classification: classificationPath(scheme, entry.classificationCode),
    file: file ? { code: file.code, name: file.subject } : undefined,
    confidential: entry.confidential,
    correspondents: entry.correspondents,
    documents: entry.attachments.map((a) => ({ filename: a.filename, mediaType: a.mediaType, sha256: a.sha256, description: a.description ?? undefined })),
  });
  return { xml, protocolId: entry.protocolId };
}
