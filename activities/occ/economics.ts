/**
 * The OCC economics activities (`OccEconomicsActivities`, economics-contract.ts): fee quote issue and
 * acceptance, the creditors' vote window open and close. Each is idempotent — a retry finds what the
 * first attempt did — and each state change writes its audit row in the same transaction. Rule
 * violations leave as non-retryable failures whose type is the domain error code.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Sequelize } from 'sequelize';
import type { Config } from '../../config';
import { createFileStore } from '../../db/file-store';
import { createDocumentRepository } from '../../db/repositories/documents';
import { getOccPlan, listOccAssets } from '../../db/repositories/occ-assets-plan';
import { listOccClaims } from '../../db/repositories/occ-claims';
import { findOccFile } from '../../db/repositories/occ-file';
import { acceptOccQuote, findOccQuoteByKey, insertOccQuote, nextOccQuoteNumber } from '../../db/repositories/occ-quotes';
import { closeOccVoteWindow, latestOccVoteWindow, openOccVoteWindow, tallyOccWindow } from '../../db/repositories/occ-votes';
import { DomainError } from '../../domain/errors';
import { computeOccFeeQuote } from '../../domain/occ/fee-quote';
import { feeQuoteInputsOfFile } from '../../domain/occ/quote-inputs';
import type { VoteTally } from '../../domain/occ/vote-tally';
import type { OccEconomicsActivities, OccVoteResult } from './economics-contract';
import { renderOccQuotePdf } from './quote-pdf';

async function asFailure<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof DomainError) throw ApplicationFailure.create({ type: err.code, message: err.code, nonRetryable: true, details: [err.fields] });
    throw err;
  }
}

/** Facts of the calling activity, when there is one (the tests also call these functions directly). */
function activityInfo(): { workflowId: string | null; scheduledAt: Date | null } {
  try {
    const info = Context.current().info;
    return { workflowId: info.workflowExecution?.workflowId ?? null, scheduledAt: new Date(info.scheduledTimestampMs) };
  } catch {
    return { workflowId: null, scheduledAt: null };
  }
}

const toResult = (t: VoteTally): OccVoteResult => ({
  approved: t.approved,
  admittedCents: t.admittedCents,
  consentingCents: t.consentingCents,
  dissentingCents: t.dissentingCents,
  silentCents: t.silentCents,
  lateVotes: t.lateVotes,
  explanation: t.explanation,
});

export function createOccEconomicsActivities({ sequelize, config }: { sequelize: Sequelize; config: Config }): OccEconomicsActivities {
  const documents = createDocumentRepository(sequelize, createFileStore(config.FILE_STORE_DIR));

  const requireFile = async (bodyId: string, caseId: string) => {
    const file = await findOccFile(sequelize, bodyId, caseId);
    if (!file) throw new DomainError('OCC_FILE_NOT_FOUND');
    return file;
  };

  return {
    issueOccFeeQuote: (input) =>
      asFailure(async () => {
        const done = await findOccQuoteByKey(sequelize, input.bodyId, input.idempotencyKey);
        if (done) return { quoteId: done.id, number: done.number, documentId: done.documentId, minCents: done.minCents, averageCents: done.averageCents, maxCents: done.maxCents };
        const file = await requireFile(input.bodyId, input.caseId);
        const [claims, assets, plan] = await Promise.all([
          listOccClaims(sequelize, input.bodyId, input.caseId),
          listOccAssets(sequelize, input.bodyId, input.caseId),
          getOccPlan(sequelize, input.bodyId, input.caseId),
        ]);
        const { input: feeInput } = feeQuoteInputsOfFile(claims, assets, plan);
        const quote = computeOccFeeQuote(feeInput);
        const info = activityInfo();
        // The date printed on the PDF must be the same on every attempt (same bytes → one document).
        const issuedAt = input.issuedAt ? new Date(input.issuedAt) : (info.scheduledAt ?? new Date());
        const number = await nextOccQuoteNumber(sequelize, input.bodyId, input.caseId);
        const pdf = await renderOccQuotePdf({ bodyName: file.bodyName, caseNumber: file.caseNumber, subject: file.subject, number, issuedAt: issuedAt.toISOString(), quote });
        const doc = await documents.saveDocument({
          bodyId: input.bodyId,
          ownerKind: 'case',
          ownerId: input.caseId,
          category: 'occ_fee_quote',
          filename: `Preventivo ${number} ${file.caseNumber.replace(/\//g, '-')}.pdf`,
          bytes: pdf,
          createdBy: input.issuedBy,
          admitted: ['application/pdf'],
        });
        const saved = await insertOccQuote(sequelize, {
          bodyId: input.bodyId,
          caseId: input.caseId,
          number,
          idempotencyKey: input.idempotencyKey,
          inputs: feeInput,
          quote,
          documentId: doc.id,
          issuedBy: input.issuedBy,
          issuedAt,
          workflowId: info.workflowId,
        });
        return { quoteId: saved.id, number: saved.number, documentId: saved.documentId, minCents: saved.minCents, averageCents: saved.averageCents, maxCents: saved.maxCents };
      }),

    acceptOccFeeQuote: (input) =>
      asFailure(async () => {
        await requireFile(input.bodyId, input.caseId);
        if (input.evidenceDocumentId && !(await documents.getDocument(input.bodyId, input.evidenceDocumentId))) throw new DomainError('DOCUMENT_NOT_FOUND');
        const outcome = await acceptOccQuote(sequelize, {
          bodyId: input.bodyId,
          caseId: input.caseId,
          quoteId: input.quoteId,
          acceptedBy: input.acceptedBy,
          acceptedAt: new Date(input.acceptedAt),
          evidenceDocumentId: input.evidenceDocumentId,
        });
        if (outcome === 'not_found') throw new DomainError('OCC_QUOTE_NOT_FOUND');
      }),

    openOccVote: (input) =>
      asFailure(async () => {
        await requireFile(input.bodyId, input.caseId);
        const opensAt = new Date(input.opensAt);
        const closesAt = new Date(input.closesAt);
        if (Number.isNaN(opensAt.getTime()) || Number.isNaN(closesAt.getTime()) || closesAt <= opensAt) {
          throw new DomainError('VALIDATION_FAILED', [{ path: 'closesAt', code: 'BEFORE_OPENING' }]);
        }
        await openOccVoteWindow(sequelize, { bodyId: input.bodyId, caseId: input.caseId, opensAt, closesAt, workflowId: activityInfo().workflowId });
      }),

    closeOccVote: (input) =>
      asFailure(async () => {
        await requireFile(input.bodyId, input.caseId);
        return sequelize.transaction(async (transaction) => {
          const window = await latestOccVoteWindow(sequelize, input.bodyId, input.caseId, transaction, true);
          if (!window) throw new DomainError('OCC_VOTE_NOT_OPEN');
          if (window.status === 'closed' && window.result) return toResult(window.result);
          const tally = await tallyOccWindow(sequelize, input.bodyId, input.caseId, window.id, transaction);
          await closeOccVoteWindow(sequelize, { bodyId: input.bodyId, caseId: input.caseId, windowId: window.id, result: tally, closedAt: new Date(), workflowId: activityInfo().workflowId }, transaction);
          return toResult(tally);
        });
      }),
  };
}
