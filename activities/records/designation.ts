import { ApplicationFailure } from '@temporalio/activity';
import type { Sequelize } from 'sequelize';
import { DomainError } from '../../domain/errors';
import { mediatorAnswerDeadline, parseDeadlinePolicy } from '../../domain/mediation/deadlines';
import { chooseMediator, type DesignationCriteria } from '../../domain/mediation/designation';
import {
  deadlinePolicyOf,
  designationCriterionOf,
  findDesignation,
  mediatorCandidates,
  partySubjectIds,
  recordDesignation,
  recordDesignationAnswer,
  type DesignationAnswer,
  type StoredDesignation,
} from '../../db/repositories/designations';

export interface DesignateInput {
  bodyId: string;
  caseId: string;
  workflowId: string;
  /** 1 for the first designation of the case, 2 after a refusal…: the idempotency key with caseId. */
  seq: number;
  matter: string;
  /** null: the body's configured criterion (automatic re-designation). */
  criteria: DesignationCriteria | null;
  chosenBy: string | null;
  excluded: string[];
  designatedAt: string;
  answerDueAt: string;
}

/** Designation activities: the choice is the pure domain rule, fed with the body's mediators. */
export function createDesignationActivities({ sequelize }: { sequelize: Sequelize }) {
  return {
    /**
     * The mediator's answer term under the body's policy. Computed here, not in the workflow: the
     * workflow sandbox's Date is not time-zone aware the way @date-fns/tz needs (the end of the day
     * came out in UTC, not Europe/Rome); the result is recorded in history, so replay stays exact.
     */
    async mediatorAnswerDeadline(input: { bodyId: string; designatedAt: string }): Promise<{ dueAt: string; dueDate: string }> {
      const policy = parseDeadlinePolicy(await deadlinePolicyOf(sequelize, input.bodyId));
      const due = mediatorAnswerDeadline(new Date(input.designatedAt), policy);
      return { dueAt: due.dueAt.toISOString(), dueDate: due.dueDate };
    },

    async designateMediator(input: DesignateInput): Promise<StoredDesignation> {
      const done = await findDesignation(sequelize, input.caseId, input.seq);
      if (done) return done;
      const criteria = input.criteria ?? { criterion: await designationCriterionOf(sequelize, input.bodyId) };
      let choice;
      try {
        choice = chooseMediator(await mediatorCandidates(sequelize, input.bodyId), criteria, {
          matter: input.matter,
          partySubjectIds: await partySubjectIds(sequelize, input.bodyId, input.caseId),
          excluded: input.excluded,
        });
      } catch (err) {
        if (err instanceof DomainError) throw ApplicationFailure.create({ message: err.code, type: err.code, nonRetryable: true, details: [err.fields] });
        throw err;
      }
      const id = await recordDesignation(sequelize, {
        bodyId: input.bodyId,
        caseId: input.caseId,
        workflowId: input.workflowId,
        seq: input.seq,
        mediatorId: choice.mediatorId,
        criterion: choice.criterion,
        reason: choice.reason,
        chosenBy: input.chosenBy,
        designatedAt: new Date(input.designatedAt),
        answerDueAt: new Date(input.answerDueAt),
      });
      return { id, mediatorId: choice.mediatorId, criterion: choice.criterion, reason: choice.reason };
    },

    async recordDesignationAnswer(answer: Omit<DesignationAnswer, 'at'> & { at: string }): Promise<void> {
      await recordDesignationAnswer(sequelize, { ...answer, at: new Date(answer.at) });
    },
  };
}
