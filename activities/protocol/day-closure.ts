/**
 * Activities of the daily closure (workflows/protocol-day): produce the day's register (PDF and
 * XML, stored as documents), record each outcome for the control panel, list the days a scheduled
 * run must close, and alert the protocol managers when a closure fails. All idempotent.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { Sequelize } from 'sequelize';
import type { Config } from '../../config';
import { assertDayClosable, buildDailyRegisterXml } from '../../domain/protocol/daily-register';
import { DomainError } from '../../domain/errors';
import type { DayClosureStatus } from '../../domain/views/protocol';
import type { DocumentRepository } from '../../db/repositories/documents';
import { beginClosure, closureRecipients, dailyRegisterContent, daysToClose, updateClosure } from '../../db/repositories/protocol/day-closures';
import { getRegister } from '../../db/repositories/protocol/registers';
import { select } from '../../db/repositories/protocol/sql';
import type { SendEmailInput, SendEmailResult } from '../notify/send-email';
import { renderDailyRegisterPdf } from './register-pdf';

export interface DayClosureDeps {
  sequelize: Sequelize;
  documents: DocumentRepository;
  config: Pick<Config, 'PUBLIC_BASE_URL'>;
  sendEmail: (input: SendEmailInput) => Promise<SendEmailResult>;
  now?: () => Date;
}

export interface PrepareDayInput {
  bodyId: string;
  registerId: string;
  day: string;
  trigger: 'manual' | 'schedule';
  by: string | null;
  workflowId: string;
  /** The workflow's (deterministic) time of generation, printed in the register. */
  generatedAt: string;
}

export interface PreparedDay {
  closureId: string;
  alreadyPreserved: boolean;
  registerCode: string;
  pdfDocumentId: string;
  xmlDocumentId: string;
  entryCount: number;
  changeCount: number;
  firstNumber: number | null;
  lastNumber: number | null;
  /** 1 for the first closure of the day, then one more for each new attempt after a failure. */
  attempt: number;
}

export function createDayClosureActivities(deps: DayClosureDeps) {
  const { sequelize, documents } = deps;
  const now = deps.now ?? (() => new Date());

  return {
    async prepareDailyRegister(input: PrepareDayInput): Promise<PreparedDay> {
      const register = await getRegister(sequelize, input.bodyId, input.registerId);
      if (!register) throw ApplicationFailure.nonRetryable('register not found', 'REGISTER_NOT_FOUND');
      try {
        assertDayClosable(input.day, now());
      } catch (err) {
        if (err instanceof DomainError) throw ApplicationFailure.nonRetryable(err.code, err.code);
        throw err;
      }
      const { closure, alreadyPreserved } = await beginClosure(sequelize, { ...input, at: now() });
      const [body] = await select<{ name: string }>(sequelize, 'SELECT name FROM bodies WHERE id = :bodyId', { bodyId: input.bodyId });
      const content = await dailyRegisterContent(sequelize, input.bodyId, input.registerId, input.day);
      const register_ = {
        administration: { code: register.administrationCode, name: body!.name },
        aooCode: register.aooCode,
        registerCode: register.code,
        registerName: register.name,
        day: input.day,
        generatedAt: new Date(input.generatedAt),
        ...content,
      };
      const ownerId = `day:${register.id}:${input.day}`;
      const stem = `registro-giornaliero-${register.code}-${input.day}`;
      const pdf = await documents.saveDocument({
        bodyId: input.bodyId, ownerKind: 'protocol', ownerId, category: 'daily_register_pdf', filename: `${stem}.pdf`,
        bytes: await renderDailyRegisterPdf(register_), createdBy: null, admitted: ['application/pdf'],
      });
      const xml = await documents.saveDocument({
        bodyId: input.bodyId, ownerKind: 'protocol', ownerId, category: 'daily_register_xml', filename: `${stem}.xml`,
        bytes: Buffer.from(buildDailyRegisterXml(register_), 'utf8'), createdBy: null, admitted: ['application/xml'],
      });
      const numbers = content.entries.map((e) => e.number);
      const prepared = {
        closureId: closure.id,
        alreadyPreserved,
        registerCode: register.code,
        pdfDocumentId: alreadyPreserved && closure.pdfDocumentId ? closure.pdfDocumentId : pdf.id,
        xmlDocumentId: alreadyPreserved && closure.xmlDocumentId ? closure.xmlDocumentId : xml.id,
        entryCount: content.entries.length,
        changeCount: content.changes.length,
        firstNumber: numbers.length ? Math.min(...numbers) : null,
        lastNumber: numbers.length ? Math.max(...numbers) : null,
        attempt: closure.attempts,
      };
      if (!alreadyPreserved) {
        await updateClosure(sequelize, {
          bodyId: input.bodyId, id: closure.id, entryCount: prepared.entryCount, changeCount: prepared.changeCount,
          firstNumber: prepared.firstNumber, lastNumber: prepared.lastNumber, pdfDocumentId: pdf.id, xmlDocumentId: xml.id,
        });
      }
      return prepared;
    },

    async recordDayClosure(input: {
      bodyId: string; closureId: string; status: DayClosureStatus; workflowId: string;
      sealedDocumentId?: string; preservationId?: string | null; errorCode?: string | null;
    }): Promise<void> {
      const final = input.status === 'preserved' || input.status === 'failed';
      await updateClosure(sequelize, {
        bodyId: input.bodyId, id: input.closureId, status: input.status, workflowId: input.workflowId,
        ...(input.sealedDocumentId ? { sealedDocumentId: input.sealedDocumentId } : {}),
        ...(input.preservationId !== undefined ? { preservationId: input.preservationId } : {}),
        ...(input.errorCode !== undefined ? { errorCode: input.errorCode } : {}),
        ...(final ? { finishedAt: now() } : {}),
      });
    },

    async daysToClose(input: { bodyId: string; registerId: string }): Promise<string[]> {
      const register = await getRegister(sequelize, input.bodyId, input.registerId);
      if (!register || !register.active || !register.autoClose) return [];
      return daysToClose(sequelize, input.bodyId, input.registerId, now());
    },

    /** E-mails every user who may close days in the body (key: workflow + recipient: once each). */
    async alertDayClosureFailed(input: { bodyId: string; registerId: string; registerCode: string; day: string; errorCode: string; workflowId: string }): Promise<number> {
      const recipients = await closureRecipients(sequelize, input.bodyId);
      const link = new URL('/protocollo/chiusure', deps.config.PUBLIC_BASE_URL).toString();
      const day = input.day.split('-').reverse().join('/');
      for (const r of recipients) {
        await deps.sendEmail({
          idempotencyKey: `${input.workflowId}:alert:${r.id}`,
          bodyId: input.bodyId,
          workflowId: input.workflowId,
          to: { address: r.email, name: r.fullName },
          template: 'protocol-day-failed',
          data: { registerCode: input.registerCode, day, errorCode: input.errorCode, link },
        });
      }
      return recipients.length;
    },
  };
}
