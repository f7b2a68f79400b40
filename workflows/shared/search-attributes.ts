/**
 * Custom search attributes of every procedure workflow, registered on the Temporal server at start-up
 * (scripts/temporal-setup.ts: `npm start` does it for the embedded server, `npm run temporal:setup`
 * for a cluster). They are stored unencrypted: only opaque IDs, numbers, codes and dates — never names, tax
 * codes or addresses. The SQLite visibility store offers 10 Keyword and 3 Datetime slots.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const BodyIdAttr = defineSearchAttributeKey('BodyId', SearchAttributeType.KEYWORD);
export const CaseNumberAttr = defineSearchAttributeKey('CaseNumber', SearchAttributeType.KEYWORD);
export const ProcedureKindAttr = defineSearchAttributeKey('ProcedureKind', SearchAttributeType.KEYWORD);
export const StageAttr = defineSearchAttributeKey('Stage', SearchAttributeType.KEYWORD);
export const MediatorIdAttr = defineSearchAttributeKey('MediatorId', SearchAttributeType.KEYWORD);
export const CrisisManagerIdAttr = defineSearchAttributeKey('CrisisManagerId', SearchAttributeType.KEYWORD);
export const NextDeadlineAttr = defineSearchAttributeKey('NextDeadline', SearchAttributeType.DATETIME);
/** A preservation audit found a package whose digests or signature no longer match. */
export const IntegrityAlertAttr = defineSearchAttributeKey('IntegrityAlert', SearchAttributeType.BOOL);

export const customSearchAttributes = [
  BodyIdAttr,
  CaseNumberAttr,
  ProcedureKindAttr,
  StageAttr,
  MediatorIdAttr,
  CrisisManagerIdAttr,
  NextDeadlineAttr,
  IntegrityAlertAttr,
] as const;
