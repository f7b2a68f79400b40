/**
 * OCC files (pratiche di sovraindebitamento): create, list, read (with the workflow's state and
 * allowed actions), one POST per action, the deadline calendar and the timeline. Thin: zod here,
 * the rules in domain/occ and in the workflow's validators. The secretariat and the referente see
 * every file of the body; a crisis manager (cases.read_own) only the files designated to them.
 */
import { Router, type Request } from 'express';
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import type { DocumentRepository } from '../../db/repositories/documents';
import { listOccEvents } from '../../db/repositories/occ-events';
import { getOccFile, listOccFiles, occPolicyOf, setOccPolicy, type OccFileSummary } from '../../db/repositories/occ-files';
import { actionActor, occActions, type OccAction } from '../../domain/occ/actions';
import { catalogueFor, romeDay } from '../../domain/occ/deadlines';
import { occActionSchemas, occFileSchema } from '../../domain/occ/file';
import { incapienzaTest } from '../../domain/occ/incapienza';
import { assertProcedureAvailable, occProcedures } from '../../domain/occ/procedures';
import { occStages } from '../../domain/occ/stages';
import type { OccState } from '../../domain/views/occ-state';
import { occActionUpdates } from '../../workflows/occ/contract';
import { caseScope } from '../auth/case-access';
import { requirePermission } from '../auth/middleware';
import { ApiError } from '../errors';
import { occCaseIdFor, type OccGateway } from '../temporal-occ';
import { parseInput } from '../validation';

const listQuery = z.object({
  procedure: z.enum(occProcedures).optional(),
  stage: z.enum(occStages).optional(),
  crisisManagerId: z.uuid().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  number: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
const policySchema = z.object({ assegnoSocialeMonthlyCents: z.record(z.string().regex(/^\d{4}$/), z.int().min(1).max(10_000_000)) });

/** `create-file` style paths for the actions: `issueQuote` → `issue-quote`. */
export const actionPath = (a: OccAction) => a.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export function occFileRoutes(sequelize: Sequelize, occ: OccGateway, documents: DocumentRepository): Router {
  const router = Router({ mergeParams: true });
  const idempotencyKey = z.uuid();

  async function accessibleFile(req: Request): Promise<OccFileSummary> {
    const scope = caseScope(req);
    const id = z.uuid().safeParse(req.params.caseId);
    const found = id.success ? await getOccFile(sequelize, req.auth!.bodyId, id.data) : null;
    if (!found || (scope.mediatorId && found.crisisManager?.id !== scope.mediatorId)) throw new ApiError('CASE_NOT_FOUND');
    return found;
  }

  router.get('/occ-files', async (req, res) => {
    const scope = caseScope(req);
    const q = parseInput(listQuery, req.query);
    res.json(await listOccFiles(sequelize, req.auth!.bodyId, { ...q, crisisManagerId: scope.mediatorId ?? q.crisisManagerId }));
  });

  router.post('/occ-files', requirePermission('cases.file'), async (req, res) => {
    const key = idempotencyKey.safeParse(req.header('Idempotency-Key'));
    if (!key.success) throw new ApiError('IDEMPOTENCY_KEY_REQUIRED');
    const file = parseInput(occFileSchema, req.body);
    const bodyId = req.auth!.bodyId;
    const now = new Date();
    assertProcedureAvailable({ procedure: file.procedure, category: file.debtorCategory, naturalPerson: file.debtor.kind === 'person', previousDischarges: file.previousDischarges, today: romeDay(now) });
    if (file.procedure === 'ESDEBITAZIONE_INCAPIENTE') {
      const year = romeDay(now).slice(0, 4);
      const monthly = (await occPolicyOf(sequelize, bodyId)).assegnoSocialeMonthlyCents?.[year];
      if (!monthly) throw new ApiError('OCC_ASSEGNO_SOCIALE_MISSING');
      if (!incapienzaTest({ annualNetIncomeCents: file.annualNetIncomeCents, householdSize: file.householdSize, assegnoSocialeMonthlyCents: monthly }).incapiente) {
        throw new ApiError('OCC_NOT_INCAPIENTE', [{ path: 'annualNetIncomeCents', code: 'above_threshold' }]);
      }
    }
    if (file.familyCaseId && !(await getOccFile(sequelize, bodyId, file.familyCaseId))) throw new ApiError('VALIDATION_FAILED', [{ path: 'familyCaseId', code: 'not_found' }]);
    const caseId = occCaseIdFor(bodyId, key.data);
    const started = await occ.start({ caseId, bodyId, filedBy: req.auth!.userId, filedAt: now.toISOString(), file });
    req.log.info({ workflowId: started.workflowId, caseId }, 'occ file opened');
    const registration = started.registration ?? (await getOccFile(sequelize, bodyId, caseId));
    res.status(registration ? 201 : 202).json({ caseId, workflowId: started.workflowId, caseNumber: registration?.caseNumber ?? null });
  });

  router.get('/occ-files/:caseId', async (req, res) => {
    const file = await accessibleFile(req);
    res.json({ ...file, state: await occ.state(file.workflowId) });
  });

  router.get('/occ-files/:caseId/events', async (req, res) => {
    const file = await accessibleFile(req);
    res.json({ items: await listOccEvents(sequelize, req.auth!.bodyId, file.id) });
  });

  /** Every catalogue term of the file's procedure(s): its occurrences with due date and status, or not started. */
  router.get('/occ-files/:caseId/deadlines', async (req, res) => {
    const file = await accessibleFile(req);
    const state: OccState = await occ.state(file.workflowId);
    const procedures = [state.procedure, ...(state.convertedFrom ? [state.convertedFrom] : [])];
    type Row = { id: string | null; dueDate: string | null; dueAt: string | null; status: 'pending' | 'done' | 'expired' | 'not_started'; doneAt: string | null };
    const items = catalogueFor(procedures).flatMap((e) => {
      const base = { code: e.code, label: e.label, source: e.source, owner: e.owner, kind: e.kind, amount: e.amount, unit: e.unit };
      const runs = state.deadlines.filter((d) => d.code === e.code);
      const rows: Row[] = runs.length === 0 ? [{ id: null, dueDate: null, dueAt: null, status: 'not_started', doneAt: null }] : runs.map((d) => ({ id: d.id, dueDate: d.dueDate, dueAt: d.dueAt, status: d.status, doneAt: d.doneAt }));
      return rows.map((r) => ({ ...base, ...r }));
    });
    res.json({ items });
  });

  for (const action of occActions) {
    const actor = actionActor[action];
    const permission = actor === 'secretariat' ? 'cases.advance' : actor === 'appointee' ? 'appointments.answer' : 'cases.conduct';
    router.post(`/occ-files/:caseId/actions/${actionPath(action)}`, requirePermission(permission), async (req, res) => {
      const file = await accessibleFile(req);
      if (actor === 'conduct' && !req.permissions?.has('cases.advance') && file.crisisManager?.id !== req.auth!.userId) throw new ApiError('NOT_ASSIGNED_CRISIS_MANAGER');
      const body = parseInput(occActionSchemas[action], req.body) as Record<string, unknown>;
      const today = romeDay(new Date());
      for (const field of ['date', 'acceptedOn'] as const) {
        if (typeof body[field] === 'string' && (body[field] as string) > today) throw new ApiError('VALIDATION_FAILED', [{ path: field, code: 'in_future' }]);
      }
      for (const field of ['documentId', 'evidenceDocumentId'] as const) {
        const id = body[field];
        if (typeof id !== 'string') continue;
        const doc = await documents.getDocument(req.auth!.bodyId, id);
        if (!doc || doc.ownerKind !== 'case' || doc.ownerId !== file.id) throw new ApiError('DOCUMENT_NOT_FOUND', [{ path: field, code: 'not_in_case' }]);
      }
      const key = z.uuid().optional().safeParse(req.header('Idempotency-Key'));
      if (!key.success) throw new ApiError('IDEMPOTENCY_KEY_REQUIRED');
      res.json(await occ.update(file.workflowId, occActionUpdates[action] as never, { ...body, by: req.auth!.userId } as never, key.data));
    });
  }

  router.get('/occ-settings', requirePermission('cases.advance'), async (req, res) => {
    res.json(await occPolicyOf(sequelize, req.auth!.bodyId));
  });
  router.put('/occ-settings', requirePermission('body.admin'), async (req, res) => {
    const policy = parseInput(policySchema, req.body);
    await setOccPolicy(sequelize, req.auth!.bodyId, policy, req.auth!.userId);
    res.json(policy);
  });

  return router;
}
