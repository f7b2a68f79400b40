import { Router, type Request } from 'express';
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import { assertAdmitted } from '../../domain/documents/file-types';
import { DomainError } from '../../domain/errors';
import { annotationSchema, annulmentSchema } from '../../domain/protocol/changes';
import { entryInputSchema, fileLinkSchema, PROTOCOL_DOCUMENT_TYPES, protocolLimits } from '../../domain/protocol/entry';
import { EXPORT_MAX_ROWS, searchFilterSchema } from '../../domain/protocol/search';
import type { DocumentRepository } from '../../db/repositories/documents';
import { annotateEntry, annulEntry, linkEntryToFile, registerEntry, type AttachmentBytes, type ProtocolDeps } from '../../db/repositories/protocol/entries';
import { getEntry } from '../../db/repositories/protocol/entry-view';
import { searchEntries } from '../../db/repositories/protocol/search';
import { segnaturaOf } from '../../db/repositories/protocol/segnatura';
import { nameBasedUuid } from '../../db/repositories/protocol/sql';
import { requirePermission } from '../auth/middleware';
import { ApiError } from '../errors';
import { parseInput } from '../validation';
import { contentDisposition } from './case-documents';
import { entriesToCsv, entriesToXlsx } from './protocol-export';

export interface ProtocolRouteDeps {
  sequelize: Sequelize;
  documents: DocumentRepository;
  now: () => Date;
}

/** Largest JSON body of a registration: every attachment at its limit, base64-encoded. */
export const PROTOCOL_JSON_LIMIT = `${Math.ceil((protocolLimits.attachmentBytes * 4) / 3 / 1024 / 1024) * 2 + 1}mb`;

/** The entry's ID from the body and the request's key: a retried POST finds the entry it registered. */
export function protocolEntryIdFor(bodyId: string, idempotencyKey: string): string {
  return nameBasedUuid('protocol-entry', bodyId, idempotencyKey);
}

/** Decodes and checks every attachment (size, type by content) before anything is written. */
export function decodeAttachments(list: { filename: string; contentBase64: string; description?: string | undefined }[]): AttachmentBytes[] {
  return list.map((a, i) => {
    const bytes = Buffer.from(a.contentBase64, 'base64');
    if (bytes.length === 0) throw new ApiError('VALIDATION_FAILED', [{ path: `attachments.${i}.contentBase64`, code: 'EMPTY' }]);
    if (bytes.length > protocolLimits.attachmentBytes) throw new ApiError('ATTACHMENT_TOO_LARGE', [{ path: `attachments.${i}`, code: 'TOO_LARGE' }]);
    try {
      assertAdmitted(bytes, PROTOCOL_DOCUMENT_TYPES);
    } catch (err) {
      if (err instanceof DomainError) throw new DomainError(err.code, [{ path: `attachments.${i}`, code: err.code }]);
      throw err;
    }
    return { filename: a.filename, bytes, description: a.description };
  });
}

const entryId = (req: Request) => {
  const id = z.uuid().safeParse(req.params.entryId);
  if (!id.success) throw new ApiError('PROTOCOL_ENTRY_NOT_FOUND');
  return id.data;
};

/** Protocol entries: register, read, search and export, annotate, annul, link to files, segnatura. */
export function protocolEntryRoutes({ sequelize, documents, now }: ProtocolRouteDeps): Router {
  const router = Router({ mergeParams: true });
  const deps: ProtocolDeps = { sequelize, documents, now };

  router.post('/protocol/entries', requirePermission('protocol.register'), async (req, res) => {
    const key = z.uuid().safeParse(req.header('Idempotency-Key'));
    if (!key.success) throw new ApiError('IDEMPOTENCY_KEY_REQUIRED');
    const input = parseInput(entryInputSchema, req.body);
    const attachments = decodeAttachments(input.attachments);
    const bodyId = req.auth!.bodyId;
    const { entry, created } = await registerEntry(deps, {
      bodyId,
      entryId: protocolEntryIdFor(bodyId, key.data),
      entry: input,
      attachments,
      registeredBy: req.auth!.userId,
      requestId: String(req.id),
      admitted: PROTOCOL_DOCUMENT_TYPES,
    });
    res.status(created ? 201 : 200).json(entry);
  });

  router.get('/protocol/entries', requirePermission('protocol.read'), async (req, res) => {
    const filter = parseInput(searchFilterSchema, req.query);
    const bodyId = req.auth!.bodyId;
    if (filter.format === 'json') return void res.json(await searchEntries(sequelize, bodyId, filter));
    const { items } = await searchEntries(sequelize, bodyId, { ...filter, limit: EXPORT_MAX_ROWS, offset: 0 });
    const stamp = now().toISOString().slice(0, 10);
    if (filter.format === 'csv') {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', contentDisposition(`protocollo-${stamp}.csv`));
      return void res.send(entriesToCsv(items));
    }
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', contentDisposition(`protocollo-${stamp}.xlsx`));
    res.send(await entriesToXlsx(items));
  });

  router.get('/protocol/entries/:entryId', requirePermission('protocol.read'), async (req, res) => {
    const entry = await getEntry(sequelize, req.auth!.bodyId, entryId(req));
    if (!entry) throw new ApiError('PROTOCOL_ENTRY_NOT_FOUND');
    res.json(entry);
  });

  router.post('/protocol/entries/:entryId/annotations', requirePermission('protocol.register'), async (req, res) => {
    const { text } = parseInput(annotationSchema, req.body);
    res.status(201).json(await annotateEntry(deps, { bodyId: req.auth!.bodyId, entryId: entryId(req), text, by: req.auth!.userId, requestId: String(req.id) }));
  });

  router.post('/protocol/entries/:entryId/annulment', requirePermission('protocol.annul'), async (req, res) => {
    const parsed = annulmentSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      const reason = parsed.error.issues.find((i) => i.path[0] === 'reason');
      if (reason) throw new ApiError('ANNULMENT_REASON_REQUIRED', [{ path: 'reason', code: reason.message }]);
      parseInput(annulmentSchema, req.body);
    }
    res.json(await annulEntry(deps, { bodyId: req.auth!.bodyId, entryId: entryId(req), annulment: parsed.data!, by: req.auth!.userId, requestId: String(req.id) }));
  });

  router.post('/protocol/entries/:entryId/files', requirePermission('protocol.register'), async (req, res) => {
    const file = parseInput(fileLinkSchema, req.body);
    res.json(await linkEntryToFile(deps, { bodyId: req.auth!.bodyId, entryId: entryId(req), file, by: req.auth!.userId, requestId: String(req.id) }));
  });

  router.get('/protocol/entries/:entryId/segnatura', requirePermission('protocol.read'), async (req, res) => {
    const { xml, protocolId } = await segnaturaOf(sequelize, req.auth!.bodyId, entryId(req));
    res.setHeader('Content-Type', 'application/xml; charset=utf-8');
    res.setHeader('Content-Disposition', contentDisposition(`segnatura-${protocolId.replace(/\//g, '-')}.xml`));
    res.send(xml);
  });

  router.get('/protocol/entries/:entryId/attachments/:position/content', requirePermission('protocol.read'), async (req, res) => {
    const entry = await getEntry(sequelize, req.auth!.bodyId, entryId(req));
    const attachment = entry?.attachments.find((a) => String(a.position) === req.params.position);
    if (!attachment) throw new ApiError('DOCUMENT_NOT_FOUND');
    const { record, bytes } = await documents.readDocument(req.auth!.bodyId, attachment.documentId);
    res.setHeader('Content-Type', record.mediaType);
    res.setHeader('Content-Disposition', contentDisposition(record.filename));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.send(bytes);
  });

  return router;
}
