/**
 * The Temporal Web UI (proxied at /temporal/) and the codec endpoint answer only platform operators,
 * authenticated by our own session cookie; the session never reaches the Temporal UI server.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { defaultPayloadConverter } from '@temporalio/common';
import request from 'supertest';
import { AesGcmPayloadCodec } from '../../temporal/payload-codec';
import { createTenant, TEST_PASSWORD, type Tenant } from '../helpers/fixtures';
import { login, startStack, type Stack } from '../helpers/stack';

let upstream: Server;
let seen: IncomingHttpHeaders[] = [];
let stack: Stack;
let tenant: Tenant;
let operatorCookie: string;
let staffCookie: string;

const cookieOf = (setCookie: string[]) => setCookie.find((c) => c.startsWith('mz_refresh='))!.split(';')[0]!;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    seen.push(req.headers);
    res.setHeader('content-type', 'text/html');
    res.end(`<html>temporal ui at ${req.url}</html>`);
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  const port = (upstream.address() as { port: number }).port;
  stack = await startStack({ worker: false, config: { TEMPORAL_UI_PROXY_TARGET: `http://127.0.0.1:${port}` } });
  tenant = await createTenant(stack.sequelize, ['secretariat']);
  const operators = await createTenant(stack.sequelize, ['admin'], { operator: true });
  staffCookie = cookieOf((await login(stack.app, tenant.users.secretariat!.email, TEST_PASSWORD)).cookie);
  operatorCookie = cookieOf((await login(stack.app, operators.users.admin!.email, TEST_PASSWORD)).cookie);
});
afterAll(async () => {
  await stack.stop();
  await new Promise((r) => upstream.close(r));
});

describe('Temporal Web UI behind our login', () => {
  it('sends an anonymous browser to the login page and refuses anonymous API clients', async () => {
    const html = await request(stack.app).get('/temporal/namespaces/default/workflows').set('Accept', 'text/html');
    expect(html.status).toBe(302);
    expect(html.headers.location).toBe('/accesso?redirect=%2Ftemporal%2Fnamespaces%2Fdefault%2Fworkflows');
    const json = await request(stack.app).get('/temporal/api/v1/settings').set('Accept', 'application/json');
    expect(json.status).toBe(401);
  });

  it('refuses staff who are not platform operators', async () => {
    const res = await request(stack.app).get('/temporal/').set('Cookie', staffCookie).set('Accept', 'application/json');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('OPERATOR_ONLY');
  });

  it('serves operators, without passing our session to the UI server', async () => {
    seen = [];
    const res = await request(stack.app).get('/temporal/namespaces').set('Cookie', operatorCookie);
    expect(res.status).toBe(200);
    expect(res.text).toContain('temporal ui at /temporal/namespaces');
    expect(seen[0]!.cookie).toBeUndefined();
    expect(seen[0]!.authorization).toBeUndefined();
  });
});

describe('codec endpoint with our auth', () => {
  const decodeRequest = async () => {
    const real = new AesGcmPayloadCodec(stack.config.TEMPORAL_PAYLOAD_KEYS);
    const [encrypted] = await real.encode([defaultPayloadConverter.toPayload({ name: 'Mario Rossi' })]);
    const b64 = (u: Uint8Array | null | undefined) => Buffer.from(u ?? new Uint8Array()).toString('base64');
    return {
      payloads: [{ metadata: Object.fromEntries(Object.entries(encrypted!.metadata ?? {}).map(([k, v]) => [k, b64(v)])), data: b64(encrypted!.data) }],
    };
  };
  const post = async (cookie?: string) => {
    const r = request(stack.app).post('/api/codec/decode').set('X-Namespace', stack.config.TEMPORAL_NAMESPACE).set('Content-Type', 'application/json');
    if (cookie) r.set('Cookie', cookie);
    return r.send(await decodeRequest());
  };

  it('refuses unauthenticated calls', async () => {
    const res = await post();
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses authenticated non-operators', async () => {
    const res = await post(staffCookie);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('OPERATOR_ONLY');
  });

  it('decodes for an operator', async () => {
    const res = await post(operatorCookie);
    expect(res.status).toBe(200);
    const p = res.body.payloads[0];
    const payload = { metadata: Object.fromEntries(Object.entries(p.metadata as Record<string, string>).map(([k, v]) => [k, Buffer.from(v, 'base64')])), data: Buffer.from(p.data, 'base64') };
    expect(defaultPayloadConverter.fromPayload(payload)).toEqual({ name: 'Mario Rossi' });
  });
});
