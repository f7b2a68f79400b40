/**
 * Bad protocol input is refused with a clear code and an Italian/English message, and changes
 * nothing: no entry, no number taken, no document, no annotation or annulment, no audit row.
 */
import request from 'supertest';
import { createRegister, entryBody, pdfBytes, postEntry, protocolTenant, type ProtocolTenant } from '../helpers/protocol';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
let t: ProtocolTenant;
let registerId: string;
let entryId: string;

beforeAll(async () => {
  stack = await startStack({ worker: false });
  t = await protocolTenant(stack.app, stack.sequelize);
  registerId = await createRegister(stack.app, t, 'GEN');
  const res = await postEntry(stack.app, t, entryBody(registerId, { attachments: [{ filename: 'istanza.pdf', contentBase64: pdfBytes().toString('base64') }] }));
  expect(res.status).toBe(201);
  entryId = res.body.id;
});
afterAll(() => stack.stop());

async function snapshot() {
  const [rows] = await stack.sequelize.query(
    `SELECT (SELECT count(*) FROM protocol_entries WHERE body_id = :b)::int AS entries,
            (SELECT COALESCE(sum(last_number), 0) FROM protocol_counters WHERE body_id = :b)::int AS numbers_taken,
            (SELECT count(*) FROM documents WHERE body_id = :b)::int AS documents,
            (SELECT count(*) FROM protocol_annotations WHERE body_id = :b)::int AS annotations,
            (SELECT count(*) FROM protocol_entries WHERE body_id = :b AND annulled_at IS NOT NULL)::int AS annulled,
            (SELECT count(*) FROM protocol_files WHERE body_id = :b)::int AS files,
            (SELECT count(*) FROM protocol_file_links WHERE body_id = :b)::int AS links,
            (SELECT count(*) FROM audit_log WHERE body_id = :b)::int AS audit`,
    { replacements: { b: t.bodyId } },
  );
  return (rows as object[])[0];
}

const expectError = (res: request.Response, status: number, code: string) => {
  expect(res.status).toBe(status);
  expect(res.body.error).toMatchObject({ code, message: { it: expect.any(String), en: expect.any(String) } });
};

describe('refused protocol input writes nothing', () => {
  let before: object | undefined;
  beforeAll(async () => {
    before = await snapshot();
  });
  afterAll(async () => {
    expect(await snapshot()).toEqual(before);
  });

  it('a missing subject', async () => {
    const res = await postEntry(stack.app, t, entryBody(registerId, { subject: undefined }));
    expectError(res, 422, 'VALIDATION_FAILED');
    expect(res.body.error.fields).toEqual([{ path: 'subject', code: 'REQUIRED' }]);
  });

  it('no correspondent', async () => {
    const res = await postEntry(stack.app, t, entryBody(registerId, { correspondents: [] }));
    expectError(res, 422, 'VALIDATION_FAILED');
    expect(res.body.error.fields).toEqual([{ path: 'correspondents', code: 'REQUIRED' }]);
  });

  it('an unknown classification', async () => {
    const res = await postEntry(stack.app, t, entryBody(registerId, { classificationCode: 'IX.9' }));
    expectError(res, 422, 'CLASSIFICATION_UNKNOWN');
    expect(res.body.error.fields).toEqual([{ path: 'classificationCode', code: 'UNKNOWN' }]);
  });

  it('an attachment of a refused type (HTML; a plain ZIP)', async () => {
    const html = Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>');
    const zip = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);
    for (const bytes of [html, zip]) {
      const res = await postEntry(stack.app, t, entryBody(registerId, {
        attachments: [
          { filename: 'lettera.pdf', contentBase64: pdfBytes('valid').toString('base64') },
          { filename: 'allegato.pdf', contentBase64: bytes.toString('base64') },
        ],
      }));
      expectError(res, 415, 'UNSUPPORTED_FILE_TYPE');
      expect(res.body.error.fields).toEqual([{ path: 'attachments.1', code: 'UNSUPPORTED_FILE_TYPE' }]);
    }
  });

  it('an unknown register, a link to a file that does not exist, no Idempotency-Key', async () => {
    expectError(await postEntry(stack.app, t, entryBody('00000000-0000-4000-8000-000000000000')), 404, 'REGISTER_NOT_FOUND');
    expectError(await postEntry(stack.app, t, entryBody(registerId, { file: { kind: 'file', fileId: '00000000-0000-4000-8000-000000000000' } })), 422, 'PROTOCOL_FILE_NOT_FOUND');
    const res = await request(stack.app).post(`/api/bodies/${t.bodyId}/protocol/entries`).set('Authorization', `Bearer ${t.officer}`).send(entryBody(registerId));
    expectError(res, 400, 'IDEMPOTENCY_KEY_REQUIRED');
  });

  it('registration by a role without protocol.register', async () => {
    expectError(await postEntry(stack.app, t, entryBody(registerId), { token: t.secretariat }), 403, 'PERMISSION_DENIED');
  });

  const annul = (body: object, token: string, id = entryId) =>
    request(stack.app).post(`/api/bodies/${t.bodyId}/protocol/entries/${id}/annulment`).set('Authorization', `Bearer ${token}`).send(body);

  it('an annulment without a reason, or with a token one', async () => {
    for (const body of [{}, { reason: '   ' }, { reason: 'errore' }]) {
      const res = await annul(body, t.manager);
      expectError(res, 422, 'ANNULMENT_REASON_REQUIRED');
      expect(res.body.error.fields[0].path).toBe('reason');
    }
  });

  it('an annulment by an unauthorised user (the protocol officer)', async () => {
    expectError(await annul({ reason: 'Registrazione duplicata per errore' }, t.officer), 403, 'PERMISSION_DENIED');
  });

  it('an annotation without text; an entry of another body', async () => {
    const res = await request(stack.app).post(`/api/bodies/${t.bodyId}/protocol/entries/${entryId}/annotations`).set('Authorization', `Bearer ${t.officer}`).send({ text: ' ' });
    expectError(res, 422, 'VALIDATION_FAILED');
    const other = await protocolTenant(stack.app, stack.sequelize);
    const foreign = await request(stack.app).get(`/api/bodies/${other.bodyId}/protocol/entries/${entryId}`).set('Authorization', `Bearer ${other.officer}`);
    expectError(foreign, 404, 'PROTOCOL_ENTRY_NOT_FOUND');
    expectError(await annul({ reason: 'Registrazione duplicata per errore' }, other.manager), 403, 'BODY_MISMATCH');
  });
});

describe('the database guards the register too', () => {
  it('refuses to change or delete a registered entry', async () => {
    const q = (sql: string) => stack.sequelize.query(sql, { replacements: { id: entryId } });
    await expect(q("UPDATE protocol_entries SET subject = 'altro' WHERE id = :id")).rejects.toThrow(/immutable/);
    await expect(q('UPDATE protocol_entries SET number = number + 1 WHERE id = :id')).rejects.toThrow(/immutable/);
    await expect(q('DELETE FROM protocol_entries WHERE id = :id')).rejects.toThrow(/cannot be deleted/);
    await expect(q('DELETE FROM protocol_attachments WHERE entry_id = :id')).rejects.toThrow(/append-only/);
  });

  it('keeps a body to five registers', async () => {
    for (const code of ['R2', 'R3', 'R4', 'R5']) await createRegister(stack.app, t, code);
    const res = await request(stack.app)
      .post(`/api/bodies/${t.bodyId}/protocol/registers`)
      .set('Authorization', `Bearer ${t.manager}`)
      .send({ code: 'R6', name: 'Sesto', administrationCode: 'oav_rm', aooCode: 'A1B2C3D' });
    expectError(res, 409, 'REGISTER_LIMIT_REACHED');
    const [rows] = await stack.sequelize.query('SELECT count(*)::int AS n FROM protocol_registers WHERE body_id = :b', { replacements: { b: t.bodyId } });
    expect(rows).toEqual([{ n: 5 }]);
  });
});
