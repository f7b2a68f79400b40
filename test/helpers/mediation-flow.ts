/**
 * Steps of a mediation through the real API, shared by the lifecycle suites: file, designate,
 * accept, convene; and the invited party's code and link as read from the convocation e-mail.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { QueryTypes } from 'sequelize';
import { addMediator, sampleFiling, TEST_PASSWORD, type Tenant } from './fixtures';
import { login, type Stack } from './stack';

export const declaration = { text: 'Dichiaro di essere indipendente e imparziale rispetto alle parti…', version: '2026-01', accepted: true };
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > end) return v;
    await sleep(200);
  }
}

/** A day-time in Rome `days` calendar days from now, as an ISO instant (10:00 local). */
export function romeDayAt(days: number, hour = 10): string {
  const d = new Date(Date.now() + days * 86_400_000);
  const ymd = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  const offset = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Rome', timeZoneName: 'longOffset' }).formatToParts(d).find((p) => p.type === 'timeZoneName')!.value.replace('GMT', '') || '+00:00';
  return new Date(`${ymd}T${String(hour).padStart(2, '0')}:00:00${offset}`).toISOString();
}

export function flow(stack: Stack, tenant: Tenant, secretariat: string) {
  const api = (token: string) => ({
    act: (caseId: string, action: string, body: object) =>
      request(stack.app).post(`/api/bodies/${tenant.bodyId}/cases/${caseId}/actions/${action}`).set('Authorization', `Bearer ${token}`).send(body),
    get: (path: string) => request(stack.app).get(`/api/bodies/${tenant.bodyId}${path}`).set('Authorization', `Bearer ${token}`),
  });
  const sec = api(secretariat);
  const stateOf = async (caseId: string) => (await sec.get(`/cases/${caseId}/state`)).body;

  return {
    api,
    sec,
    stateOf,
    async roomId(): Promise<string> {
      const [room] = await stack.sequelize.query<{ id: string }>('SELECT id FROM rooms WHERE body_id = :bodyId ORDER BY name LIMIT 1', { type: QueryTypes.SELECT, replacements: { bodyId: tenant.bodyId } });
      return room!.id;
    },
    async fileCase(overrides: Record<string, unknown> = {}): Promise<string> {
      const res = await request(stack.app).post(`/api/bodies/${tenant.bodyId}/cases`).set('Authorization', `Bearer ${secretariat}`).set('Idempotency-Key', randomUUID()).send(sampleFiling(overrides));
      if (res.status !== 201) throw new Error(`filing: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.caseId as string;
    },
    async newMediator() {
      const m = await addMediator(stack.sequelize, tenant.bodyId);
      return { ...m, token: (await login(stack.app, m.email, TEST_PASSWORD)).token };
    },
    /** Designates `mediator` by hand and has them accept. */
    async accepted(caseId: string, mediator: { id: string; token: string }) {
      const d = await sec.act(caseId, 'designate-mediator', { criterion: 'manual', mediatorId: mediator.id, reason: 'Indicazione concorde delle parti' });
      if (d.status !== 200) throw new Error(`designate: ${d.status} ${JSON.stringify(d.body)}`);
      const a = await api(mediator.token).act(caseId, 'answer-appointment', { accept: true, declaration });
      if (a.status !== 200) throw new Error(`accept: ${a.status} ${JSON.stringify(a.body)}`);
      return a.body;
    },
    async convene(caseId: string, opts: { days?: number; roomId?: string | null; mode?: string; agreed?: boolean } = {}) {
      return sec.act(caseId, 'convene', {
        firstMeeting: { startsAt: romeDayAt(opts.days ?? 25), durationMinutes: 120, mode: opts.mode ?? 'in_person', roomId: opts.roomId === undefined ? await this.roomId() : opts.roomId },
        partiesAgreedOtherwise: opts.agreed ?? false,
      });
    },
  };
}

/** The personal code and link of the convocation e-mailed to `address`. */
export async function convocationFor(stack: Stack, address: string, caseNumber: string): Promise<{ code: string; token: string; text: string }> {
  const mail = await waitFor(
    async () => stack.sink!.messages.find((m) => m.subject?.startsWith('Convocazione') && m.subject.includes(caseNumber) && (m.to as { value: { address: string }[] } | undefined)?.value.some((v) => v.address === address)),
    (m) => m !== undefined,
  );
  if (!mail) throw new Error(`no convocation for ${address}`);
  const text = mail.text ?? '';
  const code = /codice personale: ([A-Z2-9]{5}-[A-Z2-9]{5})/.exec(text)?.[1];
  const token = /adesione\?t=([A-Za-z0-9._%-]+)/.exec(text)?.[1];
  if (!code || !token) throw new Error('convocation without code or link');
  return { code, token: decodeURIComponent(token), text };
}
