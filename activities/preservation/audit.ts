/**
 * Periodic audit of the archive: every package's index signature and every file's SHA-256 are
 * checked again; a mismatch opens an alert (control panel, search attribute). Packages whose
 * retention has ended get a discard proposal to approve — nothing is ever deleted by the audit.
 */
import { createHash, randomUUID } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import { dueForDiscard } from '../../domain/preservation/classes';
import { appendAudit } from '../../db/repositories/audit';
import { trustAnchors } from '../../db/repositories/signing-credentials';
import { verifySignedFile } from '../../signing/verify';
import type { SigningDeps } from '../signing/deps';
import { readPackageFile } from './archive';
import { readPIndexFiles } from './sincro';

export type PackageProblem = 'INDEX_MISSING' | 'INDEX_DIGEST_MISMATCH' | 'INDEX_SIGNATURE_INVALID' | 'FILE_MISSING' | 'FILE_DIGEST_MISMATCH';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export function createPackageCheck(deps: SigningDeps) {
  return async function checkPackage(bodyId: string, packageId: string, indexSha256: string): Promise<PackageProblem[]> {
    const root = deps.config.PRESERVATION_DIR;
    const problems: PackageProblem[] = [];
    let index: Buffer;
    try {
      index = await readPackageFile(root, bodyId, packageId, 'PIndex.xml');
    } catch {
      return ['INDEX_MISSING'];
    }
    if (sha256(index) !== indexSha256) problems.push('INDEX_DIGEST_MISMATCH');
    try {
      const signed = await readPackageFile(root, bodyId, packageId, 'PIndex.xml.p7m');
      const report = await verifySignedFile(signed, { anchors: await trustAnchors(deps.sequelize, bodyId, ''), now: new Date(), expectedContent: index });
      if (report.outcome !== 'valid') problems.push('INDEX_SIGNATURE_INVALID');
    } catch {
      problems.push('INDEX_SIGNATURE_INVALID');
    }
    for (const f of readPIndexFiles(index.toString('utf8'))) {
      try {
        if (sha256(await readPackageFile(root, bodyId, packageId, f.path)) !== f.sha256) problems.push('FILE_DIGEST_MISMATCH');
      } catch {
        problems.push('FILE_MISSING');
      }
    }
    return [...new Set(problems)];
  };
}

export interface AuditResult {
  checked: number;
  failed: { packageId: string; problems: PackageProblem[] }[];
  proposedForDiscard: string[];
}

export function createAuditPackages(deps: SigningDeps) {
  const check = createPackageCheck(deps);
  return async function auditPackages(input: { bodyId: string | null; auditRunId: string }): Promise<AuditResult> {
    const packages = await deps.sequelize.query<{ id: string; body_id: string; index_sha256: string; retention_until: string | null; discard_status: string | null }>(
      `SELECT id, body_id, index_sha256, to_char(retention_until, 'YYYY-MM-DD') AS retention_until, discard_status FROM preservation_packages
       WHERE (:bodyId::uuid IS NULL OR body_id = :bodyId::uuid) ORDER BY created_at`,
      { type: QueryTypes.SELECT, replacements: { bodyId: input.bodyId } },
    );
    const failed: AuditResult['failed'] = [];
    for (const p of packages) {
      const problems = await check(p.body_id, p.id, p.index_sha256);
      await deps.sequelize.transaction(async (transaction) => {
        await deps.sequelize.query('UPDATE preservation_packages SET last_audit_at = now(), last_audit_ok = :ok WHERE id = :id AND body_id = :bodyId', {
          transaction,
          replacements: { ok: problems.length === 0, id: p.id, bodyId: p.body_id },
        });
        if (problems.length === 0) return;
        failed.push({ packageId: p.id, problems });
        const [open] = await deps.sequelize.query<{ id: string }>('SELECT id FROM preservation_alerts WHERE package_id = :id AND resolved_at IS NULL', { type: QueryTypes.SELECT, transaction, replacements: { id: p.id } });
        if (open) return;
        await deps.sequelize.query('INSERT INTO preservation_alerts (id, body_id, package_id, problems) VALUES (:alertId, :bodyId, :id, :problems)', {
          transaction,
          replacements: { alertId: randomUUID(), bodyId: p.body_id, id: p.id, problems: JSON.stringify(problems) },
        });
        await appendAudit({ bodyId: p.body_id, userId: null, action: 'preservation.integrity_alert', entityType: 'preservation_package', entityId: p.id, workflowId: input.auditRunId, details: { problems } }, transaction);
      });
    }
    const today = new Date().toISOString().slice(0, 10);
    const due = dueForDiscard(packages.map((p) => ({ id: p.id, retentionUntil: p.retention_until, discardStatus: p.discard_status })), today);
    for (const id of due) {
      const p = packages.find((x) => x.id === id)!;
      await deps.sequelize.transaction(async (transaction) => {
        await deps.sequelize.query("UPDATE preservation_packages SET discard_status = 'proposed' WHERE id = :id AND body_id = :bodyId AND discard_status IS NULL", { transaction, replacements: { id, bodyId: p.body_id } });
        await appendAudit({ bodyId: p.body_id, userId: null, action: 'preservation.discard_proposed', entityType: 'preservation_package', entityId: id, workflowId: input.auditRunId, details: { retentionUntil: p.retention_until } }, transaction);
      });
    }
    return { checked: packages.length, failed, proposedForDiscard: due };
  };
}
