/** The signature cycle's activities: links, uploads, one-shot signatures, checks, the final documents. */
import { TZDate } from '@date-fns/tz';
import { ApplicationFailure } from '@temporalio/activity';
import { format } from 'date-fns';
import { QueryTypes } from 'sequelize';
import type { CycleFormat, SignatureBoxInput } from '../../domain/signature/cycle';
import type { VerificationProblemCode, VerificationReport } from '../../domain/signature/verification';
import { appendAudit } from '../../db/repositories/audit';
import { loadCredential, trustAnchors } from '../../db/repositories/signing-credentials';
import { issueSignerCredential } from '../../signing/body-pki';
import { addCadesSigner, mergeCadesEnvelopes, signCades } from '../../signing/cades';
import { createSignerToken } from '../../signing/links';
import { PdfSignError, signPdf } from '../../signing/pdf/sign-pdf';
import { renderVerificationReport } from '../../signing/report-pdf';
import { isPdf, verifySignedFile } from '../../signing/verify';
import type { SigningDeps } from './deps';
import { checkOneTimeCode } from './one-time-codes';

const SIGNED_TYPES = ['application/pdf', 'application/pkcs7-mime'];

function problemsOf(report: VerificationReport): VerificationProblemCode[] {
  return [...new Set([...report.problems, ...report.signatures.flatMap((s) => s.problems)])];
}

async function bodyName(deps: SigningDeps, bodyId: string): Promise<string> {
  const [row] = await deps.sequelize.query<{ name: string }>('SELECT name FROM bodies WHERE id = :bodyId', { type: QueryTypes.SELECT, replacements: { bodyId } });
  return row?.name ?? '';
}

export function createCycleActivities(deps: SigningDeps) {
  const anchors = (bodyId: string) => trustAnchors(deps.sequelize, bodyId, deps.config.SIGNATURE_TRUST_ANCHORS);
  const read = async (bodyId: string, id: string) => (await deps.documents.readDocument(bodyId, id)).bytes;

  return {
    /** The signer's personal link, valid until the cycle's deadline. */
    async signerLink(input: { bodyId: string; workflowId: string; signerId: string; expiresAt: string }): Promise<{ url: string; deadline: string }> {
      const token = createSignerToken(input, deps.config.LINK_SIGNING_SECRET, new Date(input.expiresAt));
      return { url: `${deps.config.PUBLIC_BASE_URL.replace(/\/$/, '')}/firma/${token}`, deadline: format(new TZDate(input.expiresAt, 'Europe/Rome'), 'dd/MM/yyyy HH:mm') };
    },

    /** Own-device signature: verifies the upload (integrity, holder, content, chain) and makes it the new version. */
    async acceptUpload(input: {
      bodyId: string;
      cycleId: string;
      workflowId: string;
      format: CycleFormat;
      signerId: string;
      expectedTaxCode: string;
      originalDocumentId: string;
      currentDocumentId: string | null;
      uploadDocumentId: string;
      attempt: number;
    }): Promise<{ accepted: boolean; problems: VerificationProblemCode[]; newDocumentId: string | null; reportDocumentId: string | null }> {
      const { record, bytes } = await deps.documents.readDocument(input.bodyId, input.uploadDocumentId);
      if (record.ownerKind !== 'signature' || record.ownerId !== input.cycleId) throw ApplicationFailure.nonRetryable('the upload belongs to another cycle', 'VALIDATION_FAILED');
      const expectedContent = await read(input.bodyId, input.format === 'pades' ? input.currentDocumentId! : input.originalDocumentId);
      const report = await verifySignedFile(bytes, { anchors: await anchors(input.bodyId), now: new Date(), fileName: record.filename, expectedTaxCode: input.expectedTaxCode, expectedContent });
      let problems = problemsOf(report);
      if ((input.format === 'pades') !== isPdf(bytes)) problems = [...new Set([...problems, 'NOT_A_SIGNED_FILE' as const])];
      if (input.format === 'pades' && isPdf(bytes) && !report.signatures.some((s) => s.expectedTaxCode !== null)) problems = [...new Set([...problems, 'NO_SIGNATURES' as const])];
      const accepted = problems.length === 0 && report.outcome === 'valid';
      const reportDoc = await deps.documents.saveDocument({
        bodyId: input.bodyId,
        ownerKind: 'signature',
        ownerId: input.cycleId,
        category: 'verification_report',
        filename: `verifica-${input.signerId}-${input.attempt}.pdf`,
        bytes: await renderVerificationReport(report, await bodyName(deps, input.bodyId)),
        createdBy: null,
        admitted: ['application/pdf'],
      });
      let newDocumentId: string | null = null;
      if (accepted) {
        const version =
          input.format === 'pades' || !input.currentDocumentId ? bytes : mergeCadesEnvelopes([await read(input.bodyId, input.currentDocumentId), bytes]);
        newDocumentId = (
          await deps.documents.saveDocument({ bodyId: input.bodyId, ownerKind: 'signature', ownerId: input.cycleId, category: 'version', filename: record.filename, bytes: version, createdBy: null, admitted: SIGNED_TYPES })
        ).id;
      }
      await appendAudit({
        bodyId: input.bodyId,
        userId: null,
        action: accepted ? 'signature.upload_accepted' : 'signature.upload_rejected',
        entityType: 'signature_cycle',
        entityId: input.cycleId,
        workflowId: input.workflowId,
        details: { signerId: input.signerId, uploadDocumentId: input.uploadDocumentId, reportDocumentId: reportDoc.id, problems },
      });
      return { accepted, problems, newDocumentId, reportDocumentId: reportDoc.id };
    },

    /** One-shot signature: the code checked, a short-lived certificate from the body CA, a server-side signature. */
    async oneShotSign(input: {
      bodyId: string;
      cycleId: string;
      workflowId: string;
      format: CycleFormat;
      signer: { id: string; givenName: string; surname: string; taxCode: string; box: SignatureBoxInput | null };
      code: string;
      documents: { originalId: string; currentId: string | null }[];
      certificateMinutes: number;
    }): Promise<{ documentIds: string[] }> {
      const { codeId, previous } = await checkOneTimeCode({ sequelize: deps.sequelize, secret: deps.config.LINK_SIGNING_SECRET }, input.workflowId, input.signer.id, input.code);
      if (previous) return previous;
      const ca = await loadCredential(deps.sequelize, input.bodyId, 'ca', deps.config.SIGNING_KEYS_SECRET);
      const now = new Date();
      const credential = await issueSignerCredential(ca, input.signer, now, input.certificateMinutes * 60_000);
      const documentIds: string[] = [];
      for (const d of input.documents) {
        let signed: Buffer;
        try {
          if (input.format === 'pades') {
            signed = await signPdf(await read(input.bodyId, d.currentId!), { credential, signingTime: now, reason: 'Firma one-shot', ...(input.signer.box ? { box: input.signer.box } : {}) });
          } else {
            signed = d.currentId ? addCadesSigner(await read(input.bodyId, d.currentId), credential, now) : signCades(await read(input.bodyId, d.originalId), credential, now);
          }
        } catch (err) {
          if (err instanceof PdfSignError) throw ApplicationFailure.nonRetryable(err.message, err.code);
          throw err;
        }
        const original = await deps.documents.getDocument(input.bodyId, d.originalId);
        const name = original?.filename ?? 'documento';
        documentIds.push(
          (await deps.documents.saveDocument({ bodyId: input.bodyId, ownerKind: 'signature', ownerId: input.cycleId, category: 'version', filename: input.format === 'pades' ? name : `${name}.p7m`, bytes: signed, createdBy: null, admitted: SIGNED_TYPES })).id,
        );
      }
      await deps.sequelize.transaction(async (transaction) => {
        await deps.sequelize.query('UPDATE signature_codes SET used_at = now(), result = :result WHERE id = :id AND used_at IS NULL', { transaction, replacements: { id: codeId, result: JSON.stringify({ documentIds }) } });
        await appendAudit(
          { bodyId: input.bodyId, userId: null, action: 'signature.one_shot_signed', entityType: 'signature_cycle', entityId: input.cycleId, workflowId: input.workflowId, details: { signerId: input.signer.id, certificateSerial: credential.certificate.serialHex, documentIds } },
          transaction,
        );
      });
      return { documentIds };
    },

    /** Every signature so far valid (and, for CAdES, over the document sent). */
    async verifyCycleDocuments(input: { bodyId: string; format: CycleFormat; documentIds: string[]; originalIds: string[] }): Promise<{ valid: boolean; problems: VerificationProblemCode[] }> {
      const problems = new Set<VerificationProblemCode>();
      const trusted = await anchors(input.bodyId);
      for (const [i, id] of input.documentIds.entries()) {
        const expectedContent = input.format === 'cades' ? await read(input.bodyId, input.originalIds[i]!) : null;
        const report = await verifySignedFile(await read(input.bodyId, id), { anchors: trusted, now: new Date(), expectedContent });
        if (report.outcome !== 'valid') for (const p of problemsOf(report)) problems.add(p);
        if (report.outcome !== 'valid' && problems.size === 0) problems.add('SIGNATURE_INVALID');
      }
      return { valid: problems.size === 0, problems: [...problems] };
    },

    /** The signed documents, saved for the parent (in the case file when the parent is a case). */
    async finalizeCycle(input: { bodyId: string; cycleId: string; parent: { kind: string; id: string }; title: string; documentIds: string[] }): Promise<{ documentIds: string[] }> {
      const out: string[] = [];
      for (const id of input.documentIds) {
        const { record, bytes } = await deps.documents.readDocument(input.bodyId, id);
        const toCase = input.parent.kind === 'case';
        out.push(
          (
            await deps.documents.saveDocument({
              bodyId: input.bodyId,
              ownerKind: toCase ? 'case' : 'signature',
              ownerId: toCase ? input.parent.id : input.cycleId,
              category: 'signed',
              filename: record.filename,
              bytes,
              createdBy: null,
              admitted: SIGNED_TYPES,
            })
          ).id,
        );
      }
      return { documentIds: out };
    },

    /** The cycle's row in the read model and its audit entry. */
    async recordCycle(input: { bodyId: string; cycleId: string; workflowId: string; parentKind: string; parentId: string; title: string; status: string; createdBy: string | null; by?: string | null; reason?: string | null }): Promise<void> {
      const seq = Number(input.workflowId.split(':').pop()) || 1;
      await deps.sequelize.transaction(async (transaction) => {
        const changed = await deps.sequelize.query<{ id: string }>(
          `INSERT INTO signature_cycles (id, body_id, workflow_id, parent_kind, parent_id, seq, title, status, created_by)
           VALUES (:cycleId, :bodyId, :workflowId, :parentKind, :parentId, :seq, :title, :status, :createdBy)
           ON CONFLICT (workflow_id) DO UPDATE SET status = EXCLUDED.status, updated_at = now() WHERE signature_cycles.status IS DISTINCT FROM EXCLUDED.status
           RETURNING id`,
          { type: QueryTypes.SELECT, transaction, replacements: { ...input, seq } },
        );
        if (changed.length === 0) return; // already recorded by an earlier attempt
        await appendAudit(
          { bodyId: input.bodyId, userId: input.by ?? (input.status === 'running' ? input.createdBy : null), action: `signature.cycle_${input.status}`, entityType: 'signature_cycle', entityId: input.cycleId, workflowId: input.workflowId, details: { reason: input.reason ?? null } },
          transaction,
        );
      });
    },
  };
}
