import { Router, type Request } from 'express';
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import { meetingModes, outcomeKinds } from '../../domain/mediation/outcomes';
import {
  answerProposalUpdate,
  appointExpertUpdate,
  conveneUpdate,
  depositMinutesUpdate,
  extendDurationUpdate,
  holdMeetingUpdate,
  makeProposalUpdate,
  moveMeetingUpdate,
  recordOutcomeUpdate,
  scheduleMeetingUpdate,
  signMinutesUpdate,
} from '../../workflows/mediation/contract';
import { signMinutesSchema } from '../../domain/mediation/minutes-signature';
import { accessibleCase } from '../auth/case-access';
import { requirePermission } from '../auth/middleware';
import { ApiError } from '../errors';
import type { TemporalGateway } from '../temporal-client';
import { parseInput } from '../validation';

const meetingSchema = z
  .object({
    startsAt: z.iso.datetime({ offset: true }),
    durationMinutes: z.int().min(15).max(600),
    mode: z.enum(meetingModes),
    roomId: z.uuid().nullish(),
  })
  .refine((m) => m.mode === 'video' || !!m.roomId, { path: ['roomId'], message: 'required' });
const text = (max: number) => z.string().trim().min(1).max(max);
const schemas = {
  convene: z.object({
    firstMeeting: meetingSchema,
    partiesAgreedOtherwise: z.boolean().default(false),
    postalAddresses: z.array(z.object({ position: z.int().min(0), address: z.string().trim().min(10).max(300) })).max(50).optional(),
  }),
  scheduleMeeting: z.object({ meeting: meetingSchema }),
  moveMeeting: z.object({ meetingId: z.uuid(), meeting: meetingSchema, reason: text(2000), partiesAgreedOtherwise: z.boolean().default(false) }),
  holdMeeting: z.object({
    meetingId: z.uuid(),
    attendance: z.array(z.object({ position: z.int().min(0), present: z.boolean(), delegate: z.boolean().default(false), lawyerPresent: z.boolean().default(false) })).max(50),
  }),
  appointExpert: z.object({ name: text(200), question: text(5000), producibleInCourt: z.boolean() }),
  makeProposal: z.object({ text: text(20_000), replyDays: z.int().min(1).max(365).optional() }),
  answerProposal: z.object({ position: z.int().min(0), accepted: z.boolean() }),
  extendDuration: z.object({ months: z.int().min(1).max(60), agreedAt: z.iso.datetime({ offset: true }) }),
  recordOutcome: z.object({ kind: z.enum(outcomeKinds), text: z.string().trim().max(50_000).optional() }),
  depositMinutes: z.object({ signedDocumentId: z.uuid().nullish() }),
  signMinutes: signMinutesSchema,
};

/**
 * The actions from the convocation to the closing, each a workflow Update whose validator checks
 * the state (409 ACTION_NOT_ALLOWED) and whose activities check the rules (legal window, room
 * booking, extensions…). Conducting the procedure (`cases.conduct`) is for the case's mediator and
 * the secretariat: a mediator reaches only the cases designated to them.
 */
export function procedureActionRoutes(sequelize: Sequelize, temporal: TemporalGateway): Router {
  const router = Router({ mergeParams: true });
  const idempotencyKey = z.uuid().optional();

  function updateId(req: Request): string | undefined {
    const key = idempotencyKey.safeParse(req.header('Idempotency-Key'));
    if (!key.success) throw new ApiError('IDEMPOTENCY_KEY_REQUIRED');
    return key.data;
  }

  /** The case's workflow; a mediator who is not the case's mediator is refused. */
  async function workflowFor(req: Request, conducting: boolean): Promise<string> {
    const found = await accessibleCase(sequelize, req, req.params.caseId);
    if (conducting && !req.permissions?.has('cases.advance') && found.mediator?.id !== req.auth!.userId) throw new ApiError('NOT_ASSIGNED_MEDIATOR');
    return found.workflowId;
  }

  const route = <K extends keyof typeof schemas>(
    path: string,
    permission: 'cases.advance' | 'cases.conduct',
    key: K,
    send: (wf: string, by: string, input: z.output<(typeof schemas)[K]>, id: string | undefined) => Promise<unknown>,
  ) =>
    router.post(`/cases/:caseId/actions/${path}`, requirePermission(permission), async (req, res) => {
      const input = parseInput(schemas[key], req.body) as z.output<(typeof schemas)[K]>;
      const wf = await workflowFor(req, permission === 'cases.conduct');
      res.json(await send(wf, req.auth!.userId, input, updateId(req)));
    });

  route('convene', 'cases.advance', 'convene', (wf, by, i, id) => temporal.updateMediation(wf, conveneUpdate, { by, ...i }, id));
  route('schedule-meeting', 'cases.conduct', 'scheduleMeeting', (wf, by, i, id) => temporal.updateMediation(wf, scheduleMeetingUpdate, { by, ...i }, id));
  route('move-meeting', 'cases.conduct', 'moveMeeting', (wf, by, i, id) => temporal.updateMediation(wf, moveMeetingUpdate, { by, ...i }, id));
  route('hold-meeting', 'cases.conduct', 'holdMeeting', (wf, by, i, id) => temporal.updateMediation(wf, holdMeetingUpdate, { by, ...i }, id));
  route('appoint-expert', 'cases.conduct', 'appointExpert', (wf, by, i, id) => temporal.updateMediation(wf, appointExpertUpdate, { by, ...i }, id));
  route('make-proposal', 'cases.conduct', 'makeProposal', (wf, by, i, id) => temporal.updateMediation(wf, makeProposalUpdate, { by, ...i }, id));
  route('record-outcome', 'cases.conduct', 'recordOutcome', (wf, by, i, id) => temporal.updateMediation(wf, recordOutcomeUpdate, { by, ...i }, id));
  route('answer-proposal', 'cases.advance', 'answerProposal', (wf, by, i, id) => temporal.updateMediation(wf, answerProposalUpdate, { by, ...i }, id));
  route('extend-duration', 'cases.advance', 'extendDuration', (wf, by, i, id) => temporal.updateMediation(wf, extendDurationUpdate, { by, ...i }, id));
  route('deposit-minutes', 'cases.advance', 'depositMinutes', (wf, by, i, id) => temporal.updateMediation(wf, depositMinutesUpdate, { by, ...i }, id));
  route('sign-minutes', 'cases.advance', 'signMinutes', (wf, by, i, id) => temporal.updateMediation(wf, signMinutesUpdate, { by, ...i }, id));

  return router;
}
