import { Router, type Request } from 'express';
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import {
  answerAppointmentUpdate,
  changeAnswerDeadlineUpdate,
  designateMediatorUpdate,
  withdrawUpdate,
} from '../../workflows/mediation/contract';
import { listMediators } from '../../db/repositories/designations';
import { accessibleCase } from '../auth/case-access';
import { requirePermission } from '../auth/middleware';
import { ApiError } from '../errors';
import type { TemporalGateway } from '../temporal-client';
import { parseInput } from '../validation';

const designateSchema = z.discriminatedUnion('criterion', [
  z.object({ criterion: z.literal('rotation') }),
  z.object({ criterion: z.literal('availability') }),
  z.object({ criterion: z.literal('manual'), mediatorId: z.uuid(), reason: z.string().trim().min(1).max(2000) }),
]);
const answerSchema = z.discriminatedUnion('accept', [
  z.object({
    accept: z.literal(true),
    declaration: z.object({ text: z.string().trim().min(1).max(20_000), version: z.string().trim().min(1).max(50), accepted: z.literal(true) }),
  }),
  z.object({ accept: z.literal(false), refusalReason: z.string().trim().min(1).max(2000) }),
]);
const deadlineSchema = z.object({ dueAt: z.iso.datetime({ offset: true }) });
const withdrawSchema = z.object({ reason: z.string().trim().min(1).max(2000) });
const idempotencyKey = z.uuid().optional();

/**
 * The user actions on a mediation, each a workflow Update: the workflow's validator decides whether
 * the action is allowed now (409 ACTION_NOT_ALLOWED otherwise). Mounted under /api/bodies/:bodyId.
 * An optional Idempotency-Key (UUID) becomes the update ID, so a retried request acts once.
 */
export function caseActionRoutes(sequelize: Sequelize, temporal: TemporalGateway): Router {
  const router = Router({ mergeParams: true });

  async function workflowOf(req: Request): Promise<string> {
    return (await accessibleCase(sequelize, req, req.params.caseId)).workflowId;
  }
  function updateId(req: Request): string | undefined {
    const key = idempotencyKey.safeParse(req.header('Idempotency-Key'));
    if (!key.success) throw new ApiError('IDEMPOTENCY_KEY_REQUIRED');
    return key.data;
  }

  router.get('/mediators', requirePermission('cases.advance'), async (req, res) => {
    res.json(await listMediators(sequelize, req.auth!.bodyId));
  });

  router.get('/cases/:caseId/state', async (req, res) => {
    res.json(await temporal.mediationState(await workflowOf(req)));
  });

  router.post('/cases/:caseId/actions/designate-mediator', requirePermission('cases.advance'), async (req, res) => {
    const input = parseInput(designateSchema, req.body);
    const wf = await workflowOf(req);
    res.json(await temporal.updateMediation(wf, designateMediatorUpdate, { by: req.auth!.userId, ...input }, updateId(req)));
  });

  router.post('/cases/:caseId/actions/answer-appointment', requirePermission('appointments.answer'), async (req, res) => {
    const input = parseInput(answerSchema, req.body);
    // A mediator with read_own reaches only the case they are designated to (pending or accepted);
    // the workflow's validator then checks they are the designated one.
    const wf = await workflowOf(req);
    res.json(await temporal.updateMediation(wf, answerAppointmentUpdate, { by: req.auth!.userId, ...input }, updateId(req)));
  });

  router.post('/cases/:caseId/actions/change-answer-deadline', requirePermission('cases.advance'), async (req, res) => {
    const input = parseInput(deadlineSchema, req.body);
    const wf = await workflowOf(req);
    res.json(await temporal.updateMediation(wf, changeAnswerDeadlineUpdate, { by: req.auth!.userId, dueAt: input.dueAt }, updateId(req)));
  });

  router.post('/cases/:caseId/actions/withdraw', requirePermission('cases.advance'), async (req, res) => {
    const input = parseInput(withdrawSchema, req.body);
    const wf = await workflowOf(req);
    res.json(await temporal.updateMediation(wf, withdrawUpdate, { by: req.auth!.userId, reason: input.reason }, updateId(req)));
  });

  return router;
}
