/**
 * Gapless, unique protocol numbers under concurrency (issue #6, "done when"): 1,000 entries from 20
 * parallel clients through the API in one register are numbered 1…1000; a second register numbers
 * independently; the new year (in Rome) restarts at 1; a retried request registers nothing new.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { entryBody, postEntry, protocolTenant, createRegister, type ProtocolTenant } from '../helpers/protocol';
import { startStack, type Stack } from '../helpers/stack';

let now = new Date('2026-06-15T08:00:00Z');
let stack: Stack;
let server: Server;
let base: string;
let t: ProtocolTenant;
let registerA: string;
let registerB: string;

beforeAll(async () => {
  stack = await startStack({ worker: false, clock: () => now });
  server = stack.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  t = await protocolTenant(stack.app, stack.sequelize);
  registerA = await createRegister(stack.app, t, 'GEN');
  registerB = await createRegister(stack.app, t, 'MED');
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await stack.stop();
});

async function register(registerId: string, key = randomUUID()): Promise<{ status: number; year: number; number: number; id: string }> {
  const res = await fetch(`${base}/api/bodies/${t.bodyId}/protocol/entries`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${t.officer}`, 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body: JSON.stringify(entryBody(registerId, { subject: `Comunicazione ${key.slice(0, 8)}` })),
  });
  const body = (await res.json()) as { year: number; number: number; id: string };
  if (res.status !== 201 && res.status !== 200) throw new Error(`registration failed: ${res.status} ${JSON.stringify(body)}`);
  return { status: res.status, ...body };
}

const expectGapless = (numbers: number[], n: number) => expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i + 1));

it('numbers 1,000 entries from 20 parallel clients 1…1000, and a second register independently', async () => {
  const clients = 20;
  const perClient = 50;
  const a: number[] = [];
  const b: number[] = [];
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; i < perClient; i++) {
        a.push((await register(registerA)).number);
        // Every fifth client also writes to the second register, interleaved with the first.
        if (c % 5 === 0 && i % 5 === 0) b.push((await register(registerB)).number);
      }
    }),
  );
  expect(a).toHaveLength(1000);
  expectGapless(a, 1000);
  expectGapless(b, b.length);
  expect(b.length).toBe(40);

  const [rows] = await stack.sequelize.query(
    `SELECT register_id, count(*)::int AS n, count(DISTINCT number)::int AS distinct_numbers, max(number) AS max
     FROM protocol_entries WHERE body_id = :bodyId GROUP BY register_id`,
    { replacements: { bodyId: t.bodyId } },
  );
  expect(rows).toEqual(expect.arrayContaining([
    { register_id: registerA, n: 1000, distinct_numbers: 1000, max: 1000 },
    { register_id: registerB, n: 40, distinct_numbers: 40, max: 40 },
  ]));
}, 300_000);

it('gives a retried request the entry it registered, without a new number', async () => {
  const key = randomUUID();
  const [first, again] = await Promise.all([register(registerB, key), register(registerB, key)]);
  const third = await register(registerB, key);
  expect(new Set([first.id, again.id, third.id]).size).toBe(1);
  expect(new Set([first.number, again.number, third.number])).toEqual(new Set([41]));
  expect([first.status, again.status].sort()).toEqual([200, 201]);
  expect(third.status).toBe(200);
  expect((await register(registerB)).number).toBe(42);
});

it('restarts at 1 when the year turns in Rome', async () => {
  now = new Date('2026-12-31T22:59:59Z'); // 23:59:59 on 31 December in Rome
  const last = await register(registerA);
  expect([last.year, last.number]).toEqual([2026, 1001]);

  now = new Date('2026-12-31T23:00:00Z'); // midnight in Rome, still 2026 in UTC
  const first = await Promise.all(Array.from({ length: 5 }, () => register(registerA)));
  expect(first.every((e) => e.year === 2027)).toBe(true);
  expectGapless(first.map((e) => e.number), 5);
  const b1 = await register(registerB);
  const b2 = await register(registerB);
  expect([b1.year, b1.number, b2.year, b2.number]).toEqual([2027, 1, 2027, 2]);

  const res = await postEntry(stack.app, t, entryBody(registerA));
  expect(res.body.protocolId).toBe('GEN/2027/0000006');
});
