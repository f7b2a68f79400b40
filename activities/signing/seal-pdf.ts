import { ApplicationFailure } from '@temporalio/activity';
import { loadCredential } from '../../db/repositories/signing-credentials';
import { PdfSignError, signPdf, type SignatureBox } from '../../signing/pdf/sign-pdf';
import type { SigningDeps } from './deps';

export interface SealPdfInput {
  bodyId: string;
  documentId: string;
  /** Shown in the signature dictionary, e.g. "Registro giornaliero di protocollo". */
  reason?: string;
  /** Visible seal box; invisible when omitted. */
  box?: SignatureBox;
}

export interface SealPdfResult {
  /** The sealed copy (a new document of the same owner, category `sealed`). */
  documentId: string;
  sha256: string;
}

/**
 * Seals a stored PDF with the body's own key (PAdES, incremental update: signatures already in the
 * file stay valid). Idempotent: the sealed copy of a document is made once; a retry returns it.
 */
export function createSealPdf(deps: SigningDeps) {
  return async function sealPdf(input: SealPdfInput): Promise<SealPdfResult> {
    const { record, bytes } = await deps.documents.readDocument(input.bodyId, input.documentId);
    const ownerId = `seal:${record.id}`;
    const done = await deps.documents.listDocuments(input.bodyId, 'signature', ownerId);
    const existing = done.find((d) => d.category === 'sealed');
    if (existing) return { documentId: existing.id, sha256: existing.sha256 };
    if (record.mediaType !== 'application/pdf') throw ApplicationFailure.nonRetryable('only PDF documents can be sealed', 'NOT_A_PDF');
    const seal = await loadCredential(deps.sequelize, input.bodyId, 'seal', deps.config.SIGNING_KEYS_SECRET);
    let sealed: Buffer;
    try {
      sealed = await signPdf(bytes, { credential: seal, signingTime: new Date(), reason: input.reason ?? 'Sigillo elettronico dell’organismo', ...(input.box ? { box: input.box } : {}) });
    } catch (err) {
      if (err instanceof PdfSignError) throw ApplicationFailure.nonRetryable(err.message, err.code);
      throw err;
    }
    const saved = await deps.documents.saveDocument({
      bodyId: input.bodyId,
      ownerKind: 'signature',
      ownerId,
      category: 'sealed',
      filename: record.filename,
      bytes: sealed,
      createdBy: null,
      admitted: ['application/pdf'],
    });
    return { documentId: saved.id, sha256: saved.sha256 };
  };
}
