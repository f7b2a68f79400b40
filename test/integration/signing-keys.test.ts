/** Onboarding of a body's signing keys and the server-side seal used by the protocol's daily closure. */
import { QueryTypes } from 'sequelize';
import { createSigningActivities } from '../../activities/signing';
import { createFileStore } from '../../db/file-store';
import { createDocumentRepository } from '../../db/repositories/documents';
import { ensureBodySigningKeys, loadCredential, trustAnchors } from '../../db/repositories/signing-credentials';
import { verifySignedFile } from '../../signing/verify';
import { createTenant } from '../helpers/fixtures';
import { hasTool, pdfsig, samplePdf } from '../helpers/signing-tools';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ worker: false });
});
afterAll(() => stack.stop());

describe('body signing keys', () => {
  it('creates the CA and the seal once, with the private keys sealed', async () => {
    const { bodyId } = await createTenant(stack.sequelize, ['secretariat']);
    const secret = stack.config.SIGNING_KEYS_SECRET;
    const [a, b] = await Promise.all([ensureBodySigningKeys(stack.sequelize, bodyId, secret), ensureBodySigningKeys(stack.sequelize, bodyId, secret)]);
    const again = await ensureBodySigningKeys(stack.sequelize, bodyId, secret);
    expect(again.sha256).toBe((await loadCredential(stack.sequelize, bodyId, 'ca', secret)).certificate.sha256);
    expect([a.sha256, b.sha256]).toContain(again.sha256);
    const rows = await stack.sequelize.query<{ kind: string; sealed_key: Buffer }>('SELECT kind, sealed_key FROM signing_credentials WHERE body_id = :bodyId ORDER BY kind', {
      type: QueryTypes.SELECT,
      replacements: { bodyId },
    });
    expect(rows.map((r) => r.kind)).toEqual(['ca', 'seal']);
    const seal = await loadCredential(stack.sequelize, bodyId, 'seal', secret);
    const der = seal.privateKey.export({ type: 'pkcs8', format: 'der' });
    for (const r of rows) expect(r.sealed_key.includes(der.subarray(64, 96))).toBe(false);
    expect(seal.chain[0]!.sha256).toBe(again.sha256);
    await expect(loadCredential(stack.sequelize, bodyId, 'seal', 'another-secret-of-more-than-32-chars!!')).rejects.toThrow(/SIGNING_KEYS_SECRET/);
  });
});

describe('sealPdf', () => {
  it('seals a stored PDF with the body key, once per document, verifiable by pdfsig and against the body CA', async () => {
    const { bodyId } = await createTenant(stack.sequelize, ['protocol_officer']);
    const documents = createDocumentRepository(stack.sequelize, createFileStore(stack.config.FILE_STORE_DIR));
    const original = await documents.saveDocument({ bodyId, ownerKind: 'protocol', ownerId: 'registro-2026-11-21', category: 'daily_register', filename: 'registro.pdf', bytes: await samplePdf('Registro giornaliero'), createdBy: null });
    const { sealPdf } = createSigningActivities({ sequelize: stack.sequelize, config: stack.config, documents });
    const first = await sealPdf({ bodyId, documentId: original.id, reason: 'Registro giornaliero di protocollo' });
    const retry = await sealPdf({ bodyId, documentId: original.id });
    expect(retry.documentId).toBe(first.documentId);
    const { bytes } = await documents.readDocument(bodyId, first.documentId);
    if (hasTool('pdfsig')) expect(pdfsig(bytes).map((s) => s.valid)).toEqual([true]);
    const report = await verifySignedFile(bytes, { anchors: await trustAnchors(stack.sequelize, bodyId, ''), now: new Date() });
    expect(report.outcome).toBe('valid');
    expect(report.signatures[0]!.signerName).toMatch(/^Organismo di prova/);
    // Another body's CA does not vouch for this seal.
    const other = await createTenant(stack.sequelize, ['secretariat']);
    const foreign = await verifySignedFile(bytes, { anchors: [await ensureBodySigningKeys(stack.sequelize, other.bodyId, stack.config.SIGNING_KEYS_SECRET)], now: new Date() });
    expect(foreign.outcome).toBe('indeterminate');
  });
});
