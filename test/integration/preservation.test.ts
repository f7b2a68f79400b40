/**
 * Preservation on the real dev server: documents of several classes ingested into write-once
 * archival packages with a signed SInCRO index, a disguised executable refused, a distribution
 * package whose index digests match, the audit schedule flagging a package corrupted on disk, and
 * a discard proposal at the end of retention (nothing deleted).
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { QueryTypes } from 'sequelize';
import { createExhibit } from '../../activities/preservation/exhibit';
import { readPIndexFiles } from '../../activities/preservation/sincro';
import { signingDeps } from '../../activities/signing/deps';
import { createFileStore } from '../../db/file-store';
import { createDocumentRepository, type DocumentRepository } from '../../db/repositories/documents';
import { ensureBodySigningKeys } from '../../db/repositories/signing-credentials';
import { ensurePreservationAuditSchedule } from '../../temporal/preservation-schedule';
import { PRESERVATION_WORKFLOW_TYPE, preservationWorkflowId, type PreservationInput, type PreservationResult } from '../../workflows/preservation/contract';
import { createTenant, type Tenant } from '../helpers/fixtures';
import { samplePdf } from '../helpers/signing-tools';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
let tenant: Tenant;
let documents: DocumentRepository;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  stack = await startStack();
  tenant = await createTenant(stack.sequelize, ['manager']);
  await ensureBodySigningKeys(stack.sequelize, tenant.bodyId, stack.config.SIGNING_KEYS_SECRET);
  documents = createDocumentRepository(stack.sequelize, createFileStore(stack.config.FILE_STORE_DIR));
});
afterAll(() => stack.stop());

async function submit(classCode: string, items: PreservationInput['items']): Promise<PreservationResult> {
  const submissionId = randomUUID();
  return stack.temporal.client.workflow.execute(PRESERVATION_WORKFLOW_TYPE, {
    workflowId: preservationWorkflowId(tenant.bodyId, submissionId),
    taskQueue: stack.config.TEMPORAL_TASK_QUEUE,
    args: [{ bodyId: tenant.bodyId, submissionId, classCode, items, submittedBy: tenant.users.manager!.id, source: 'test' } satisfies PreservationInput],
  });
}

const save = (filename: string, bytes: Buffer, admitted?: string[]) =>
  documents.saveDocument({ bodyId: tenant.bodyId, ownerKind: 'case', ownerId: 'fascicolo-1', category: 'attachment', filename, bytes, createdBy: null, ...(admitted ? { admitted } : {}) });

/** Reads the stored (uncompressed) entries of a ZIP. */
function unzip(zip: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let p = 0;
  while (zip.readUInt32LE(p) === 0x04034b50) {
    const size = zip.readUInt32LE(p + 18);
    const nameLen = zip.readUInt16LE(p + 26);
    const extra = zip.readUInt16LE(p + 28);
    const name = zip.subarray(p + 30, p + 30 + nameLen).toString('utf8');
    const start = p + 30 + nameLen + extra;
    out.set(name, zip.subarray(start, start + size));
    p = start + size;
  }
  return out;
}

describe('preservation', () => {
  let minutesPackage: string;

  it('ingests documents of several classes into signed archival packages with a receipt', async () => {
    const minutes = await save('verbale.pdf', await samplePdf());
    const register = await save('registro.xml', Buffer.from('<?xml version="1.0"?><Registro data="2026-11-21"><Voce n="1"/></Registro>'));
    const photo = await save('scansione.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]));
    const a = await submit('VERBALI_MEDIAZIONI', [{ documentId: minutes.id, metadata: { oggetto: 'Verbale di accordo', data_documento: '2026-11-20', numero_procedimento: '2026/1' } }]);
    const b = await submit('REGISTRI_GIORNALIERI_PROTOCOLLO', [{ documentId: register.id, metadata: { oggetto: 'Registro giornaliero', data_documento: '2026-11-21', data_registro: '2026-11-21', primo_numero: '1', ultimo_numero: '1' } }]);
    const c = await submit('STANDARD', [{ documentId: photo.id, metadata: { oggetto: 'Scansione', data_documento: '2026-11-21' } }]);
    for (const r of [a, b, c]) expect(r).toMatchObject({ status: 'preserved', rejection: null });
    minutesPackage = a.packageId!;
    const dir = join(stack.config.PRESERVATION_DIR, tenant.bodyId, minutesPackage);
    expect(existsSync(join(dir, 'PIndex.xml'))).toBe(true);
    // Write-once: the directory and its files are read-only (root ignores the bits, other users do not).
    expect(statSync(dir).mode & 0o777).toBe(0o555);
    expect(statSync(join(dir, 'PIndex.xml')).mode & 0o777).toBe(0o444);
    const receipt = await documents.readDocument(tenant.bodyId, a.receiptDocumentId!);
    expect(receipt.record.mediaType).toBe('application/pkcs7-mime');
    expect(receipt.bytes.includes(Buffer.from('<RapportoDiVersamento'))).toBe(true);
  });

  it('refuses missing metadata, unknown classes and a disguised executable, with the reason', async () => {
    const pdf = await save('altro.pdf', await samplePdf('Altro'));
    expect((await submit('VERBALI_MEDIAZIONI', [{ documentId: pdf.id, metadata: { oggetto: 'Verbale' } }])).rejection?.code).toBe('PRESERVATION_METADATA_MISSING');
    expect((await submit('NON_ESISTE', [{ documentId: pdf.id, metadata: {} }])).rejection?.code).toBe('PRESERVATION_CLASS_UNKNOWN');
    // An executable named .pdf never gets into the document store…
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(120), Buffer.from('This program cannot be run in DOS mode.')]);
    await expect(save('verbale.pdf', exe)).rejects.toMatchObject({ code: 'UNSUPPORTED_FILE_TYPE' });
    // …and one that slipped in by another path (a row claiming to be a PDF) is refused by content on ingest.
    const blob = await createFileStore(stack.config.FILE_STORE_DIR).put(exe);
    const id = randomUUID();
    await stack.sequelize.query(
      "INSERT INTO documents (id, body_id, owner_kind, owner_id, category, filename, media_type, size, sha256) VALUES (:id, :bodyId, 'case', 'fascicolo-1', 'legacy', 'verbale.pdf', 'application/pdf', :size, :sha256)",
      { replacements: { id, bodyId: tenant.bodyId, size: blob.size, sha256: blob.sha256 } },
    );
    const refused = await submit('STANDARD', [{ documentId: id, metadata: { oggetto: 'Verbale', data_documento: '2026-11-21' } }]);
    expect(refused).toMatchObject({ status: 'rejected', packageId: null, rejection: { code: 'UNSUPPORTED_FILE_TYPE' } });
    const rows = await stack.sequelize.query<{ code: string }>('SELECT code FROM preservation_rejections WHERE body_id = :bodyId ORDER BY created_at', { type: QueryTypes.SELECT, replacements: { bodyId: tenant.bodyId } });
    expect(rows.map((r) => r.code)).toEqual(['PRESERVATION_METADATA_MISSING', 'PRESERVATION_CLASS_UNKNOWN', 'UNSUPPORTED_FILE_TYPE']);
  });

  it('exhibits a distribution package whose index digests match its documents', async () => {
    const exhibit = createExhibit(signingDeps({ sequelize: stack.sequelize, config: stack.config }));
    const pdd = await exhibit(tenant.bodyId, minutesPackage);
    expect(pdd.problems).toEqual([]);
    const entries = unzip(pdd.zip);
    expect([...entries.keys()].sort()).toEqual(['PIndex.xml', 'PIndex.xml.p7m', 'RapportoDiVersamento.xml.p7m', 'documenti/001-verbale.pdf']);
    const listed = readPIndexFiles(entries.get('PIndex.xml')!.toString('utf8'));
    expect(listed).toHaveLength(1);
    for (const f of listed) expect(sha256(entries.get(f.path)!)).toBe(f.sha256);
  });

  it('the audit schedule flags a package corrupted on disk (alert row and search attribute) and proposes discard at retention end', async () => {
    // An old document of a class with one year of retention: due for a discard proposal.
    await stack.sequelize.query("INSERT INTO preservation_classes (body_id, code, name, retention_years, metadata) VALUES (:bodyId, 'PROVA_BREVE', 'Classe di prova', 1, :metadata)", {
      replacements: { bodyId: tenant.bodyId, metadata: JSON.stringify([{ key: 'oggetto', label: 'Oggetto', required: true }]) },
    });
    const old = await submit('PROVA_BREVE', [{ documentId: (await save('vecchio.pdf', await samplePdf('Vecchio'))).id, metadata: { oggetto: 'Vecchio', data_documento: '2001-01-10' } }]);
    // Corrupt one preserved file on disk.
    const file = join(stack.config.PRESERVATION_DIR, tenant.bodyId, minutesPackage, 'documenti', '001-verbale.pdf');
    writeFileSync(file, Buffer.from('%PDF-1.7 alterato'));

    const handle = await ensurePreservationAuditSchedule(stack.temporal.client, { taskQueue: stack.config.TEMPORAL_TASK_QUEUE, every: '24h', bodyId: tenant.bodyId });
    await stack.temporal.client.schedule.getHandle(handle).trigger();
    const deadline = Date.now() + 30_000;
    let alerts: { package_id: string; problems: string[] }[] = [];
    while (Date.now() < deadline && alerts.length === 0) {
      await new Promise((r) => setTimeout(r, 300));
      alerts = await stack.sequelize.query('SELECT package_id, problems FROM preservation_alerts WHERE body_id = :bodyId AND resolved_at IS NULL', { type: QueryTypes.SELECT, replacements: { bodyId: tenant.bodyId } });
    }
    expect(alerts).toEqual([{ package_id: minutesPackage, problems: ['FILE_DIGEST_MISMATCH'] }]);
    let flagged = 0;
    while (Date.now() < deadline && flagged === 0) {
      for await (const w of stack.temporal.client.workflow.list({ query: `WorkflowType = 'preservationAudit' AND IntegrityAlert = true AND TaskQueue = '${stack.config.TEMPORAL_TASK_QUEUE}'` })) if (w) flagged++;
      if (flagged === 0) await new Promise((r) => setTimeout(r, 300));
    }
    expect(flagged).toBeGreaterThan(0);
    const [pkg] = await stack.sequelize.query<{ discard_status: string }>('SELECT discard_status FROM preservation_packages WHERE id = :id', { type: QueryTypes.SELECT, replacements: { id: old.packageId } });
    expect(pkg!.discard_status).toBe('proposed');
    expect(existsSync(join(stack.config.PRESERVATION_DIR, tenant.bodyId, old.packageId!, 'PIndex.xml'))).toBe(true);
    await stack.temporal.client.schedule.getHandle(handle).delete();
  });
});
