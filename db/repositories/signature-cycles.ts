import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';
import { DomainError } from '../../domain/errors';
import { appendAudit } from './audit';

export interface CycleReservation {
  cycleId: string;
  workflowId: string;
  seq: number;
  /** Whether the workflow still has to be started (a new row, or one whose start failed). */
  needsStart: boolean;
  reused: boolean;
}

export interface ReserveCycleInput {
  bodyId: string;
  userId: string;
  requestId: string;
  parent: { kind: 'case' | 'standalone'; id: string };
  title: string;
  idempotencyKey: string | null;
  requestSha256: string;
  workflowIdFor: (seq: number) => string;
  details: Record<string, unknown>;
}

/**
 * Reserves the cycle's number for its parent (under a lock on the parent, so concurrent starts queue)
 * and writes the row `starting` with its audit entry. With an idempotency key already used, returns
 * that row instead: the same request → the same cycle (to be started again if its start failed);
 * another request → IDEMPOTENCY_KEY_REUSED.
 */
export async function reserveCycle(sequelize: Sequelize, input: ReserveCycleInput): Promise<CycleReservation> {
  return sequelize.transaction(async (transaction) => {
    await sequelize.query('SELECT pg_advisory_xact_lock(hashtext(:lockKey))', {
      transaction,
      replacements: { lockKey: `signature-cycle:${input.bodyId}:${input.parent.kind}:${input.parent.id}` },
    });
    if (input.idempotencyKey) {
      const [existing] = await sequelize.query<{ id: string; workflow_id: string; seq: number; status: string; request_sha256: string | null }>(
        'SELECT id, workflow_id, seq, status, request_sha256 FROM signature_cycles WHERE body_id = :bodyId AND idempotency_key = :key',
        { type: QueryTypes.SELECT, transaction, replacements: { bodyId: input.bodyId, key: input.idempotencyKey } },
      );
      if (existing) {
        if (existing.request_sha256 !== input.requestSha256) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
        const retry = existing.status === 'starting' || existing.status === 'failed';
        if (retry) {
          await sequelize.query("UPDATE signature_cycles SET status = 'starting', updated_at = now() WHERE id = :id AND body_id = :bodyId", { transaction, replacements: { id: existing.id, bodyId: input.bodyId } });
        }
        return { cycleId: existing.id, workflowId: existing.workflow_id, seq: existing.seq, needsStart: retry, reused: true };
      }
    }
    const [{ next }] = (await sequelize.query<{ next: number }>(
      'SELECT coalesce(max(seq), 0) + 1 AS next FROM signature_cycles WHERE body_id = :bodyId AND parent_kind = :kind AND parent_id = :id',
      { type: QueryTypes.SELECT, transaction, replacements: { bodyId: input.bodyId, kind: input.parent.kind, id: input.parent.id } },
    )) as [{ next: number }];
    const cycleId = randomUUID();
    const workflowId = input.workflowIdFor(next);
    await sequelize.query(
      `INSERT INTO signature_cycles (id, body_id, workflow_id, parent_kind, parent_id, seq, title, status, created_by, idempotency_key, request_sha256)
       VALUES (:cycleId, :bodyId, :workflowId, :kind, :id, :seq, :title, 'starting', :userId, :key, :sha)`,
      {
        transaction,
        replacements: { cycleId, bodyId: input.bodyId, workflowId, kind: input.parent.kind, id: input.parent.id, seq: next, title: input.title, userId: input.userId, key: input.idempotencyKey, sha: input.requestSha256 },
      },
    );
    await appendAudit({ bodyId: input.bodyId, userId: input.userId, action: 'signature.cycle_requested', entityType: 'signature_cycle', entityId: cycleId, requestId: input.requestId, workflowId, details: input.details }, transaction);
    return { cycleId, workflowId, seq: next, needsStart: true, reused: false };
  });
}

/**
 * The workflow could not be started: the row leaves `starting` for `failed` (only if the workflow
 * has not recorded itself meanwhile — a start that did reach the server corrects the row to
 * `running`), with the audit entry. A retry with the same idempotency key starts it again.
 */
export async function markCycleStartFailed(sequelize: Sequelize, c: { bodyId: string; cycleId: string; workflowId: string; userId: string; requestId: string }): Promise<void> {
  await sequelize.transaction(async (transaction) => {
    const changed = await sequelize.query<{ id: string }>(
      "UPDATE signature_cycles SET status = 'failed', updated_at = now() WHERE id = :cycleId AND body_id = :bodyId AND status = 'starting' RETURNING id",
      { type: QueryTypes.SELECT, transaction, replacements: c },
    );
    if (changed.length === 0) return;
    await appendAudit({ bodyId: c.bodyId, userId: c.userId, action: 'signature.cycle_start_failed', entityType: 'signature_cycle', entityId: c.cycleId, requestId: c.requestId, workflowId: c.workflowId }, transaction);
  });
}
