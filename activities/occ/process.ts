/**
 * Activities of the OCC workflow's process side (the economics are in economics-contract.ts):
 * registration, recorded steps, deadline computation (legal due dates in Rome, compressed by
 * DEADLINE_TIME_SCALE for tests and demos), designation of the crisis manager, deadline notices.
 * Idempotent: keys chosen by the workflow; rule violations are non-retryable with the rule's code.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { Sequelize } from 'sequelize';
import type { Config } from '../../config';
import { caseYear } from '../../domain/mediation/case-number';
import { mediatorAnswerDeadline, parseDeadlinePolicy } from '../../domain/mediation/deadlines';
import type { DesignationCriteria } from '../../domain/mediation/designation';
import { DomainError } from '../../domain/errors';
import { catalogueEntry, occDueDate, type OccDeadlineCode } from '../../domain/occ/deadlines';
import { chooseCrisisManager } from '../../domain/occ/designation';
import type { OccFileInput } from '../../domain/occ/file';
import { procedureInfo, type OccProcedure } from '../../domain/occ/procedures';
import { deadlinePolicyOf } from '../../db/repositories/designations';
import {
  crisisManagerCandidates,
  designationCriterionOf,
  findManagerDesignation,
  occDeadlineRecipients,
  recordManagerAnswer,
  recordManagerDesignation,
  type StoredManagerDesignation,
} from '../../db/repositories/occ-designations';
import { recordOccStep, registerOccFile, setNextDeadline, type OccStep } from '../../db/repositories/occ-files';
import type { SendEmailInput, SendEmailResult } from '../notify/send-email';

export interface OccProcessDeps {
  sequelize: Sequelize;
  config: Config;
  sendEmail: (input: SendEmailInput) => Promise<SendEmailResult>;
}

export interface PlannedDeadline {
  dueDate: string;
  dueAt: string;
  reminderAt: string | null;
  timerAt: string;
}

const day = (iso: string) => iso.slice(0, 10).split('-').reverse().join('/');

export function createOccProcessActivities({ sequelize, config, sendEmail }: OccProcessDeps) {
  return {
    async registerOccFile(input: { caseId: string; bodyId: string; workflowId: string; filedAt: string; filedBy: string; file: OccFileInput }) {
      const filedAt = new Date(input.filedAt);
      return registerOccFile(sequelize, { ...input, filedAt, year: caseYear(filedAt) });
    },

    async recordOccStep(step: OccStep): Promise<void> {
      await recordOccStep(sequelize, step);
    },

    /**
     * A catalogue deadline started at `startAt` (the legal start: an event's day or an instant):
     * the legal due date and, for the durable timer, the instant it fires — the same, or with
     * DEADLINE_TIME_SCALE the interval from the start compressed and laid from `now`.
     */
    async planOccDeadline(input: { code: OccDeadlineCode; startAt: string; now: string; times?: number; amount?: number }): Promise<PlannedDeadline> {
      const start = new Date(input.startAt);
      const due = occDueDate(input.code, start, { ...(input.times ? { times: input.times } : {}), ...(input.amount ? { amount: input.amount } : {}) });
      const scale = config.DEADLINE_TIME_SCALE;
      const now = Date.parse(input.now);
      const squeeze = (at: Date) => (scale === 1 ? at : new Date(now + (at.getTime() - start.getTime()) / scale));
      return {
        dueDate: due.dueDate,
        dueAt: due.dueAt.toISOString(),
        reminderAt: due.reminderAt ? squeeze(due.reminderAt).toISOString() : null,
        timerAt: squeeze(due.dueAt).toISOString(),
      };
    },

    async setOccNextDeadline(input: { bodyId: string; caseId: string; dueAt: string | null }): Promise<void> {
      await setNextDeadline(sequelize, input.bodyId, input.caseId, input.dueAt);
    },

    /** Designation `seq` of the file (idempotent); `criteria` null: the body's configured criterion. */
    async designateCrisisManager(input: { bodyId: string; caseId: string; workflowId: string; seq: number; criteria: DesignationCriteria | null; chosenBy: string | null; excluded: string[]; designatedAt: string }): Promise<StoredManagerDesignation> {
      const done = await findManagerDesignation(sequelize, input.caseId, input.seq);
      if (done) return done;
      const criteria = input.criteria ?? { criterion: await designationCriterionOf(sequelize, input.bodyId) };
      let chosen;
      try {
        chosen = chooseCrisisManager(await crisisManagerCandidates(sequelize, input.bodyId), criteria, input.excluded);
      } catch (err) {
        if (err instanceof DomainError) throw ApplicationFailure.create({ type: err.code, message: err.code, nonRetryable: true, details: [err.fields] });
        throw err;
      }
      const designatedAt = new Date(input.designatedAt);
      // The answer term of the body's appointment policy (the same as for mediators).
      const due = mediatorAnswerDeadline(designatedAt, parseDeadlinePolicy(await deadlinePolicyOf(sequelize, input.bodyId)));
      const id = await recordManagerDesignation(sequelize, { ...input, ...chosen, designatedAt, answerDueAt: due.dueAt });
      return { id, ...chosen };
    },

    async recordCrisisManagerAnswer(input: { bodyId: string; caseId: string; workflowId: string; designationId: string; accept: boolean; by: string; at: string; declaration: { text: string; version: string } | null; refusalReason: string | null }) {
      await recordManagerAnswer(sequelize, { ...input, at: new Date(input.at) });
    },

    /**
     * E-mails a deadline's reminder or expiry to the secretariat, the referenti and the file's
     * crisis manager, once per recipient (key: workflow, deadline, kind, user).
     */
    async sendOccDeadlineNotice(input: {
      bodyId: string; caseId: string; workflowId: string; caseNumber: string; procedure: OccProcedure; crisisManagerId: string | null;
      deadlineId: string; code: OccDeadlineCode; dueDate: string; kind: 'reminder' | 'expired';
    }): Promise<number> {
      const recipients = await occDeadlineRecipients(sequelize, input.bodyId, input.crisisManagerId);
      const entry = catalogueEntry(input.code);
      const link = new URL(`/occ/${input.caseId}`, config.PUBLIC_BASE_URL).toString();
      for (const r of recipients) {
        await sendEmail({
          idempotencyKey: `${input.workflowId}:deadline:${input.deadlineId}:${input.kind}:${r.id}`,
          bodyId: input.bodyId,
          caseId: input.caseId,
          workflowId: input.workflowId,
          to: { address: r.email, name: r.fullName },
          template: 'occ-deadline',
          data: {
            caseNumber: input.caseNumber,
            procedure: procedureInfo[input.procedure].it,
            deadline: entry.label.it,
            source: entry.source,
            dueDate: day(input.dueDate),
            status: input.kind === 'reminder' ? 'in scadenza' : 'scaduto',
            subjectPrefix: input.kind === 'reminder' ? 'Promemoria scadenza' : 'Termine scaduto',
            link,
          },
        });
      }
      return recipients.length;
    },
  };
}
