import { Router } from 'express';
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import { assertDayClosable } from '../../domain/protocol/daily-register';
import type { DocumentRepository } from '../../db/repositories/documents';
import { getClosure, listClosures } from '../../db/repositories/protocol/day-closures';
import { getRegister } from '../../db/repositories/protocol/registers';
import { requirePermission } from '../auth/middleware';
import { ApiError } from '../errors';
import type { TemporalGateway } from '../temporal-client';
import { parseInput } from '../validation';
import { contentDisposition } from './case-documents';

const closeSchema = z.object({ day: z.iso.date({ error: 'INVALID_DATE' }) });
const listSchema = z.object({ registerId: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(366).default(60) });
const documentKinds = { pdf: 'pdfDocumentId', sealed: 'sealedDocumentId', xml: 'xmlDocumentId' } as const;

/** Daily closure: the control panel (one row per register and day), closing a day by hand, the register files. */
export function protocolClosureRoutes(sequelize: Sequelize, temporal: TemporalGateway, documents: DocumentRepository, now: () => Date): Router {
  const router = Router({ mergeParams: true });

  router.get('/protocol/closures', requirePermission('protocol.read'), async (req, res) => {
    const q = parseInput(listSchema, req.query);
    res.json({ items: await listClosures(sequelize, req.auth!.bodyId, q) });
  });

  router.post('/protocol/registers/:registerId/closures', requirePermission('protocol.close_day'), async (req, res) => {
    const { day } = parseInput(closeSchema, req.body);
    const register = await getRegister(sequelize, req.auth!.bodyId, String(req.params.registerId));
    if (!register) throw new ApiError('REGISTER_NOT_FOUND');
    assertDayClosable(day, now());
    const { workflowId, result } = await temporal.closeProtocolDay({ bodyId: req.auth!.bodyId, registerId: register.id, day, trigger: 'manual', by: req.auth!.userId });
    res.status(result ? 201 : 202).json({ workflowId, result });
  });

  router.get('/protocol/closures/:closureId/documents/:kind', requirePermission('protocol.read'), async (req, res) => {
    const closure = await getClosure(sequelize, req.auth!.bodyId, String(req.params.closureId));
    const field = documentKinds[String(req.params.kind) as keyof typeof documentKinds];
    const documentId = closure && field ? closure[field] : null;
    if (!documentId) throw new ApiError('DOCUMENT_NOT_FOUND');
    const { record, bytes } = await documents.readDocument(req.auth!.bodyId, documentId);
    res.setHeader('Content-Type', record.mediaType);
    res.setHeader('Content-Disposition', contentDisposition(req.params.kind === 'sealed' ? record.filename.replace(/\.pdf$/, '-firmato.pdf') : record.filename));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.send(bytes);
  });

  return router;
}
