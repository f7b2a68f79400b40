/**
 * The life of protocol entries through the API: registration with attachments (SHA-256), file links
 * (new general file, existing file, case file), annotations, annulment (visible, final), search by
 * every filter, CSV and XLSX export, and the segnatura XML.
 */
import { createHash, randomUUID } from 'node:crypto';
import { unzipSync } from 'fflate';
import request from 'supertest';
import { registerCase } from '../../db/repositories/cases';
import { createRegister, entryBody, pdfBytes, postEntry, protocolTenant, type ProtocolTenant } from '../helpers/protocol';
import { sampleFiling } from '../helpers/fixtures';
import { startStack, type Stack } from '../helpers/stack';

let now = new Date('2026-03-02T09:15:00Z');
let stack: Stack;
let t: ProtocolTenant;
let gen: string;
let med: string;
const api = (path: string) => `/api/bodies/${t.bodyId}/protocol${path}`;
const get = (path: string, token = t.officer) => request(stack.app).get(api(path)).set('Authorization', `Bearer ${token}`);
const post = (path: string, body: object, token = t.officer) => request(stack.app).post(api(path)).set('Authorization', `Bearer ${token}`).send(body);

beforeAll(async () => {
  stack = await startStack({ worker: false, clock: () => now });
  t = await protocolTenant(stack.app, stack.sequelize);
  gen = await createRegister(stack.app, t, 'GEN', 'Protocollo generale');
  med = await createRegister(stack.app, t, 'MED', 'Organismo di mediazione');
});
afterAll(() => stack.stop());

describe('registration', () => {
  it('stores the attachments with their SHA-256 and serves them back', async () => {
    const primary = pdfBytes('istanza');
    const res = await postEntry(stack.app, t, entryBody(gen, {
      attachments: [
        { filename: 'istanza.pdf', contentBase64: primary.toString('base64'), description: 'Istanza' },
        { filename: 'nota.txt', contentBase64: Buffer.from('Nota di accompagnamento\n').toString('base64') },
      ],
      receivedDocument: { date: '2026-02-27', number: 'prot. 88' },
    }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      protocolId: 'GEN/2026/0000001', year: 2026, number: 1, registeredAt: '2026-03-02T09:15:00.000Z', direction: 'incoming',
      classificationCode: 'II.1', classificationTitle: 'Iscrizioni e cancellazioni', annulled: false, attachmentCount: 2,
      receivedDocument: { date: '2026-02-27', number: 'prot. 88' },
      registeredBy: { id: t.users.protocol_officer!.id },
    });
    expect(res.body.attachments.map((a: { sha256: string; mediaType: string }) => [a.sha256, a.mediaType])).toEqual([
      [createHash('sha256').update(primary).digest('hex'), 'application/pdf'],
      [createHash('sha256').update('Nota di accompagnamento\n').digest('hex'), 'text/plain'],
    ]);
    const content = await get(`/entries/${res.body.id}/attachments/0/content`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(Buffer.compare(content.body as Buffer, primary)).toBe(0);
  });

  it('opens a new general file, attaches later entries to it and to a case file', async () => {
    now = new Date('2026-03-03T10:00:00Z');
    const opened = await postEntry(stack.app, t, entryBody(gen, { direction: 'outgoing', classificationCode: 'I.1', subject: 'Convocazione del consiglio',
      correspondents: [{ kind: 'administration', name: 'Consiglio dell’Ordine', ipaCode: 'oav_rm' }], file: { kind: 'new_file', subject: 'Sedute del consiglio 2026' } }));
    expect(opened.status).toBe(201);
    expect(opened.body.files).toEqual([expect.objectContaining({ kind: 'file', code: '2026/I.1/1', subject: 'Sedute del consiglio 2026' })]);
    const fileId = opened.body.files[0].id;

    const caseId = randomUUID();
    await registerCase(stack.sequelize, { caseId, bodyId: t.bodyId, workflowId: `test:${caseId}`, year: 2026, filedAt: now, filedBy: t.users.secretariat!.id, filing: sampleFiling() as never });
    const second = await postEntry(stack.app, t, entryBody(med, { subject: 'Adesione alla mediazione', classificationCode: 'III.1', file: { kind: 'case', caseId } }));
    expect(second.body.files).toEqual([expect.objectContaining({ kind: 'case', id: caseId, code: '2026/1' })]);
    const linked = await post(`/entries/${second.body.id}/files`, { kind: 'file', fileId });
    expect(linked.body.files.map((f: { kind: string }) => f.kind)).toEqual(['case', 'file']);
    expect((await post(`/entries/${second.body.id}/files`, { kind: 'file', fileId })).body.files).toHaveLength(2); // once only

    expect((await get(`/entries?fileId=${fileId}`)).body.items.map((e: { protocolId: string }) => e.protocolId).sort()).toEqual(['GEN/2026/0000002', 'MED/2026/0000001']);
    expect((await get(`/entries?caseId=${caseId}`)).body.total).toBe(1);
    expect((await get('/files?q=sedute')).body.items).toEqual([expect.objectContaining({ id: fileId })]);
  });
});

describe('after registration', () => {
  let id: string;
  beforeAll(async () => {
    now = new Date('2026-03-04T15:30:00Z');
    id = (await postEntry(stack.app, t, entryBody(gen, { subject: 'Esposto disciplinare', classificationCode: 'III.3', correspondents: [{ kind: 'company', name: 'Beta S.p.A.', vatNumber: '00743110157', email: 'info@beta.it' }] }))).body.id;
  });

  it('adds annotations without touching the registered fields', async () => {
    const res = await post(`/entries/${id}/annotations`, { text: 'Il mittente ha indicato un oggetto incompleto: si tratta di un secondo esposto.' });
    expect(res.status).toBe(201);
    expect(res.body.annotations).toEqual([expect.objectContaining({ text: expect.stringContaining('secondo esposto'), createdBy: { id: t.users.protocol_officer!.id, fullName: expect.any(String) } })]);
    expect(res.body.subject).toBe('Esposto disciplinare');
  });

  it('annuls once, leaving the entry visible and marked with date, author, reason and measure', async () => {
    const res = await post(`/entries/${id}/annulment`, { reason: 'Registrato due volte per errore', measure: 'Provv. del responsabile n. 3/2026' }, t.manager);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      annulled: true, subject: 'Esposto disciplinare',
      annulment: { at: '2026-03-04T15:30:00.000Z', by: { id: t.users.protocol_manager!.id }, reason: 'Registrato due volte per errore', measure: 'Provv. del responsabile n. 3/2026' },
    });
    const again = await post(`/entries/${id}/annulment`, { reason: 'Un secondo annullamento' }, t.manager);
    expect([again.status, again.body.error.code]).toEqual([409, 'ENTRY_ALREADY_ANNULLED']);
    expect((await get(`/entries?annulled=true`)).body.items.map((e: { id: string }) => e.id)).toEqual([id]);
  });
});

describe('search and export', () => {
  it.each([
    ['number=1&registerId=GEN', ['GEN/2026/0000001']],
    ['dateFrom=2026-03-03&dateTo=2026-03-03', ['GEN/2026/0000002', 'MED/2026/0000001']],
    ['correspondent=beta', ['GEN/2026/0000003']],
    ['correspondent=RSSMRA80A01H501U', ['MED/2026/0000001', 'GEN/2026/0000001']],
    ['subject=CONVOCAZIONE', ['GEN/2026/0000002']],
    ['classification=III', ['GEN/2026/0000003', 'MED/2026/0000001']],
    ['classification=III.1', ['MED/2026/0000001']],
    ['direction=outgoing', ['GEN/2026/0000002']],
  ])('filters by %s', async (query, expected) => {
    const q = query.replace('registerId=GEN', `registerId=${gen}`);
    const res = await get(`/entries?${q}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((e: { protocolId: string }) => e.protocolId)).toEqual(expected);
  });

  it('exports CSV (semicolons, BOM, formula-safe) and XLSX', async () => {
    await postEntry(stack.app, t, entryBody(gen, { subject: '=HYPERLINK("http://x")' }));
    const csv = await get('/entries?format=csv&registerId=' + gen);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Protocollo;Registro;Anno;Numero;Data e ora;Verso;Corrispondenti;Oggetto;Classifica;Fascicoli;Allegati;Annullato');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(lines.find((l) => l.startsWith('GEN/2026/0000003'))).toMatch(/;Beta S\.p\.A\.;Esposto disciplinare;III\.3;;0;sì$/);

    const xlsx = await get('/entries?format=xlsx').buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const files = unzipSync(new Uint8Array(xlsx.body as Buffer));
    const sheet = Buffer.from(files['xl/worksheets/sheet1.xml']!).toString();
    const strings = Buffer.from(files['xl/sharedStrings.xml'] ?? new Uint8Array()).toString();
    expect(`${sheet}${strings}`).toContain('Esposto disciplinare');
    expect((sheet.match(/<row /g) ?? []).length).toBe(6); // header + 5 entries
  });
});

describe('segnatura', () => {
  it('downloads the Allegato 6 segnatura of an entry with documents', async () => {
    const first = (await get('/entries?number=1&registerId=' + gen)).body.items[0];
    const res = await get(`/entries/${first.id}/segnatura`);
    expect(res.headers['content-type']).toMatch(/^application\/xml/);
    expect(res.text).toContain('<prot:SegnaturaInformatica xmlns:prot="http://www.agid.gov.it/protocollo/" prot:versione="3.0.0" prot:lang="it">');
    expect(res.text).toContain('<prot:NumeroRegistrazione>0000001</prot:NumeroRegistrazione>');
    expect(res.text).toContain('<prot:DataRegistrazione>2026-03-02</prot:DataRegistrazione>');
    expect(res.text).toContain(createHash('sha256').update(pdfBytes('istanza')).digest('base64'));
  });

  it('explains that an entry without documents has no XML segnatura', async () => {
    const e = (await get('/entries?correspondent=beta')).body.items[0];
    const res = await get(`/entries/${e.id}/segnatura`);
    expect([res.status, res.body.error.code]).toEqual([409, 'SEGNATURA_NEEDS_DOCUMENT']);
  });
});
