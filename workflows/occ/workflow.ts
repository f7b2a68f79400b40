/**
 * One overindebtedness file (spec §A.3): registration, then the pre-filing phase, the court phase
 * of the chosen procedure and the execution or monitoring phase, each a run of its own —
 * continue-as-new at every phase boundary carries the whole state, so a file that lasts years
 * keeps a small history and clients keep querying it by workflow ID.
 */
import type { UpdateDefinition } from '@temporalio/common';
import { ApplicationFailure, allHandlersFinished, condition, continueAsNew, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { occActions, type OccAction } from '../../domain/occ/actions';
import { isFinalStage, phaseOf } from '../../domain/occ/stages';
import type { OccState } from '../../domain/views/occ-state';
import { CaseNumberAttr } from '../shared/search-attributes';
import { occActionUpdates, occRegistrationUpdate, occStateQuery, type OccActionRequest, type OccInput } from './contract';
import { courtHandlers } from './court';
import { deadlineLoop } from './deadline-loop';
import { prefilingHandlers, type Handlers } from './prefiling';
import { createEnv, initialState, occ, refuse, upsertFileAttributes } from './state';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function overindebtedness(input: OccInput): Promise<OccState> {
  const s = input.carried ? { ...input.carried, run: input.carried.run + 1 } : initialState(input);
  const { workflowId } = workflowInfo();
  const messages: Promise<unknown>[] = [];
  const env = createEnv(input, workflowId, s, (w) => void messages.push(w)) as ReturnType<typeof createEnv> & { version(): number };
  const runPhase = phaseOf(s.stage);

  setHandler(occStateQuery, env.view);
  setHandler(occRegistrationUpdate, async () => {
    await condition(() => s.caseNumber !== null);
    const [year, number] = s.caseNumber!.split('/').map(Number) as [number, number];
    return { caseNumber: s.caseNumber!, year, number };
  });

  const handlers: Handlers = { ...prefilingHandlers(env), ...courtHandlers(env) };
  for (const action of occActions) {
    const h = handlers[action] as { run(req: OccActionRequest<OccAction>): Promise<void>; check?(req: OccActionRequest<OccAction>): void } | undefined;
    if (!h) continue;
    const update = occActionUpdates[action] as unknown as UpdateDefinition<OccState, [OccActionRequest<OccAction>]>;
    setHandler(
      update,
      async (req: OccActionRequest<OccAction>) => {
        env.busy.on = true;
        try {
          await h.run(req);
        } finally {
          env.busy.on = false;
          env.changed();
        }
        return env.view();
      },
      {
        validator: (req: OccActionRequest<OccAction>) => {
          if (s.caseNumber === null) refuse('ACTION_NOT_ALLOWED', 'the file is not registered yet');
          if (env.busy.on) refuse('ACTION_NOT_ALLOWED', 'another action on this file is in progress');
          if (!env.view().allowedActions.includes(action)) refuse('ACTION_NOT_ALLOWED', `${action} is not allowed in stage ${s.stage}`);
          if (!req || typeof req !== 'object' || typeof req.by !== 'string' || !uuid.test(req.by)) refuse('VALIDATION_FAILED', 'by must be a user id');
          h.check?.(req);
        },
      },
    );
  }

  if (!input.carried) {
    const registration = await occ.registerOccFile({ caseId: input.caseId, bodyId: input.bodyId, workflowId, filedAt: input.filedAt, filedBy: input.filedBy, file: input.file });
    s.caseNumber = registration.caseNumber;
  }
  upsertSearchAttributes([{ key: CaseNumberAttr, value: s.caseNumber! }]);
  upsertFileAttributes(s);

  const boundary = () => isFinalStage(s.stage) || phaseOf(s.stage) !== runPhase;
  const longHistory = () => workflowInfo().continueAsNewSuggested && !env.busy.on;
  let stop = false;
  const loop = deadlineLoop(env, () => stop);
  await condition(() => boundary() || longHistory());
  stop = true;
  await loop;
  await condition(allHandlersFinished);
  await Promise.all(messages);
  if (isFinalStage(s.stage)) {
    s.nextDeadline = null;
    upsertFileAttributes(s);
    await occ.setOccNextDeadline({ bodyId: input.bodyId, caseId: input.caseId, dueAt: null });
    return env.view();
  }
  if (env.busy.on) throw ApplicationFailure.nonRetryable('continue-as-new with an action in progress', 'INTERNAL_ERROR');
  return continueAsNew<typeof overindebtedness>({ ...input, carried: s });
}
