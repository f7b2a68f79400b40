import type { Transaction } from 'sequelize';
import { AuditEntry } from '../models';

export interface AuditInput {
  bodyId: string | null;
  userId: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  requestId?: string | null;
  workflowId?: string | null;
  /** IDs and codes only: the audit log is read by auditors, personal data stays in the records. */
  details?: Record<string, unknown>;
}

/** Appends one row; pass the transaction of the change it records so both commit or neither. */
export async function appendAudit(entry: AuditInput, transaction?: Transaction): Promise<void> {
  await AuditEntry.create(
    {
      bodyId: entry.bodyId,
      userId: entry.userId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      requestId: entry.requestId ?? null,
      workflowId: entry.workflowId ?? null,
      details: entry.details ?? {},
    },
    transaction ? { transaction } : {},
  );
}
