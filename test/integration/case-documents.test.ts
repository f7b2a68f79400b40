/**
 * Documents of a case file on the real stack: upload by content type, download, tenant and role checks,
 * refused uploads that change nothing, and the write-once store underneath.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { QueryTypes } from 'sequelize';
import { createTenant, sampleFiling, TEST_PASSWORD, type Tenant } from '../helpers/fixtures';
import { login, startStack, type Stack } from '../helpers/stack';

let stack: Stack;
let tenant: Tenant;
let other: Tenant;
let secretariat: string;
let otherSecretariat: string;
let caseId: string;

const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');

beforeAll(async () => {
  stack = await startStack();
  tenant = await createTenant(stack.sequelize, ['secretariat']);
  other = await createTenant(stack.sequelize, ['secretariat']);
  secretariat = (await login(stack.app, tenant.users.secretariat!.email, TEST_PASSWORD)).token;
  otherSecretariat = (await login(stack.app, other.users.secretariat!.email, TEST_PASSWORD)).token;
  const filed = await request(stack.app).post(`/api/bodies/${tenant.bodyId}/cases`).set('Authorization', `Bearer ${secretariat}`).set('Idempotency-Key', randomUUID()).send(sampleFiling());
  caseId = filed.body.caseId;
});
afterAll(() => stack.stop());

const upload = (token: string, bodyId: string, content: Buffer, name: string, category = 'attachment') =>
  request(stack.app)
    .post(`/api/bodies/${bodyId}/cases/${caseId}/documents?category=${category}`)
    .set('Authorization', `Bearer ${token}`)
    .set('Content-Type', 'application/octet-stream')
    .set('X-Filename', encodeURIComponent(name))
    .send(content);
const documentCount = async () =>
  (await stack.sequelize.query<{ n: number }>('SELECT count(*)::int AS n FROM documents WHERE owner_id = :caseId', { type: QueryTypes.SELECT, replacements: { caseId } }))[0]!.n;

describe('case documents', () => {
  it('stores an upload with the type found in its content and gives it back byte for byte', async () => {
    const res = await upload(secretariat, tenant.bodyId, pdf, 'Procura alle liti «firmata».bin', 'power_of_attorney');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ mediaType: 'application/pdf', filename: 'Procura alle liti «firmata».pdf', category: 'power_of_attorney', size: pdf.length });
    const list = await request(stack.app).get(`/api/bodies/${tenant.bodyId}/cases/${caseId}/documents`).set('Authorization', `Bearer ${secretariat}`);
    expect(list.body.items.map((d: { id: string }) => d.id)).toContain(res.body.id);
    const download = await request(stack.app)
      .get(`/api/bodies/${tenant.bodyId}/cases/${caseId}/documents/${res.body.id}/content`)
      .set('Authorization', `Bearer ${secretariat}`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''Procura%20alle%20liti");
    expect(Buffer.compare(download.body as Buffer, pdf)).toBe(0);
  });

  it('refuses an executable disguised as a PDF and an empty upload, storing nothing', async () => {
    const before = await documentCount();
    const exe = await upload(secretariat, tenant.bodyId, Buffer.from('MZ\x90\x00\x03\x00\x00\x00 this program', 'latin1'), 'verbale.pdf');
    expect(exe.status).toBe(415);
    expect(exe.body.error).toMatchObject({ code: 'UNSUPPORTED_FILE_TYPE', message: { it: expect.any(String), en: expect.any(String) } });
    const empty = await upload(secretariat, tenant.bodyId, Buffer.alloc(0), 'vuoto.pdf');
    expect(empty.status).toBe(422);
    const nameless = await upload(secretariat, tenant.bodyId, pdf, '');
    expect(nameless.status).toBe(422);
    expect(await documentCount()).toBe(before);
  });

  it('keeps documents immutable in the database', async () => {
    await expect(stack.sequelize.query("UPDATE documents SET filename = 'x.pdf' WHERE owner_id = :caseId", { replacements: { caseId } })).rejects.toThrow(/append-only/);
    await expect(stack.sequelize.query('DELETE FROM documents WHERE owner_id = :caseId', { replacements: { caseId } })).rejects.toThrow(/append-only/);
  });

  it("does not let another body read or write this body's case documents", async () => {
    const list = await request(stack.app).get(`/api/bodies/${tenant.bodyId}/cases/${caseId}/documents`).set('Authorization', `Bearer ${otherSecretariat}`);
    expect(list.status).toBe(403);
    const viaOwnBody = await request(stack.app).get(`/api/bodies/${other.bodyId}/cases/${caseId}/documents`).set('Authorization', `Bearer ${otherSecretariat}`);
    expect(viaOwnBody.status).toBe(404);
    const before = await documentCount();
    const write = await upload(otherSecretariat, other.bodyId, pdf, 'x.pdf');
    expect(write.status).toBe(404);
    expect(await documentCount()).toBe(before);
  });
});
