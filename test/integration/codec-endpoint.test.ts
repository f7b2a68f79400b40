import { randomBytes } from 'node:crypto';
import express from 'express';
import request from 'supertest';
import { defaultPayloadConverter } from '@temporalio/common';
import { createCodecRouter } from '../../temporal/codec-router';
import { AesGcmPayloadCodec } from '../../temporal/payload-codec';

const UI = 'http://localhost:8233';
const NS = 'mediazione';
const codec = new AesGcmPayloadCodec([{ id: 'k1', key: randomBytes(32) }]);

/** Fake auth: the session cookie names the caller. */
function buildApp() {
  const app = express();
  app.use(
    '/api/codec',
    createCodecRouter({
      codec,
      allowedOrigin: UI,
      namespace: NS,
      maxBodyBytes: 64 * 1024,
      authenticate: async (req) => {
        const cookie = req.get('Cookie') ?? '';
        if (cookie.includes('session=operator')) return { isOperator: true };
        if (cookie.includes('session=secretary')) return { isOperator: false };
        return null;
      },
    }),
  );
  return app;
}

const b64 = (s: string) => Buffer.from(s).toString('base64');
const plainBody = {
  payloads: [{ metadata: { encoding: b64('json/plain') }, data: b64(JSON.stringify({ name: 'Mario Rossi' })) }],
};
const post = (path: string, body: unknown = plainBody) =>
  request(buildApp()).post(`/api/codec${path}`).set('Origin', UI).set('X-Namespace', NS).send(body as object);

describe('codec endpoint', () => {
  it('answers 401 UNAUTHENTICATED without a session, with CORS headers so the UI can read it', async () => {
    const res = await post('/decode');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      error: { code: 'UNAUTHENTICATED', message: { it: expect.any(String), en: expect.any(String) } },
    });
    expect(res.headers['access-control-allow-origin']).toBe(UI);
  });

  it('answers 403 OPERATOR_ONLY to a logged-in user who is not an operator', async () => {
    const res = await post('/decode').set('Cookie', 'session=secretary');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('OPERATOR_ONLY');
  });

  it('refuses another namespace', async () => {
    const res = await post('/decode').set('Cookie', 'session=operator').set('X-Namespace', 'other');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('NAMESPACE_NOT_ALLOWED');
  });

  it('encodes then decodes for an operator, in the remote codec protocol shape', async () => {
    const enc = await post('/encode').set('Cookie', 'session=operator');
    expect(enc.status).toBe(200);
    expect(enc.headers['cache-control']).toBe('no-store');
    const [encrypted] = enc.body.payloads;
    expect(Buffer.from(encrypted.metadata.encoding, 'base64').toString()).toBe('binary/encrypted');
    expect(Buffer.from(encrypted.metadata['encryption-key-id'], 'base64').toString()).toBe('k1');
    expect(Buffer.from(encrypted.data, 'base64').toString('latin1')).not.toContain('Mario');

    const dec = await post('/decode', enc.body).set('Cookie', 'session=operator');
    expect(dec.status).toBe(200);
    expect(dec.body).toEqual(plainBody);
  });

  it('decodes what a Temporal client encoded', async () => {
    const [payload] = await codec.encode([defaultPayloadConverter.toPayload({ caseNumber: '12/2026' })]);
    const wire = {
      payloads: [
        {
          metadata: Object.fromEntries(Object.entries(payload!.metadata!).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
          data: Buffer.from(payload!.data!).toString('base64'),
        },
      ],
    };
    const res = await post('/decode', wire).set('Cookie', 'session=operator');
    expect(JSON.parse(Buffer.from(res.body.payloads[0].data, 'base64').toString())).toEqual({ caseNumber: '12/2026' });
  });

  it('answers 422 PAYLOAD_UNDECODABLE for an unknown key id, 400 for a malformed body, 413 when too large', async () => {
    const unknownKey = { payloads: [{ metadata: { encoding: b64('binary/encrypted'), 'encryption-key-id': b64('gone') }, data: b64('x') }] };
    expect((await post('/decode', unknownKey).set('Cookie', 'session=operator')).body.error.code).toBe('PAYLOAD_UNDECODABLE');
    expect((await post('/decode', { payloads: 'no' }).set('Cookie', 'session=operator')).status).toBe(400);
    const big = { payloads: [{ metadata: {}, data: b64('x'.repeat(100 * 1024)) }] };
    const res = await post('/decode', big).set('Cookie', 'session=operator');
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers the preflight of the Web UI origin without authentication', async () => {
    const res = await request(buildApp())
      .options('/api/codec/decode')
      .set('Origin', UI)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type,x-namespace');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(UI);
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(res.headers['access-control-allow-headers']).toBe('content-type, x-namespace, authorization');
    expect(res.headers['access-control-allow-methods']).toBe('POST');
    expect(res.headers['vary']).toMatch(/Origin/);
  });

  it('gives no CORS headers to another origin, in the preflight or the request', async () => {
    const evil = 'http://localhost:9999';
    const pre = await request(buildApp())
      .options('/api/codec/decode')
      .set('Origin', evil)
      .set('Access-Control-Request-Method', 'POST');
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    expect(pre.headers['access-control-allow-credentials']).toBeUndefined();
    const res = await post('/decode').set('Origin', evil).set('Cookie', 'session=operator');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('ORIGIN_NOT_ALLOWED');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves same-origin calls of the Web UI proxied by the API, without CORS headers', async () => {
    const app = buildApp();
    const res = await request(app)
      .post('/api/codec/decode')
      .set('Host', 'app.example.org')
      .set('Origin', 'http://app.example.org')
      .set('X-Namespace', NS)
      .set('Cookie', 'session=operator')
      .send(plainBody);
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves clients without an Origin header, such as the temporal CLI --codec-endpoint', async () => {
    const res = await request(buildApp())
      .post('/api/codec/decode')
      .set('X-Namespace', NS)
      .set('Cookie', 'session=operator')
      .send(plainBody);
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
