/** `npm run api` / `npm run worker` stop at start with one line naming a bad variable. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');

it.each(['api/main.ts', 'activities/worker.ts'])('%s refuses to start without DATABASE_URL', (entry) => {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const r = spawnSync(process.execPath, [tsx, join(root, entry)], { env, encoding: 'utf8', timeout: 60_000 });
  expect(r.status).not.toBe(0);
  expect(r.stderr.trim()).toBe('Configuration error: DATABASE_URL is missing');
});

it('refuses a malformed payload key', () => {
  const r = spawnSync(process.execPath, [tsx, join(root, 'api/main.ts')], {
    env: { ...process.env, TEMPORAL_PAYLOAD_KEYS: 'k1:not-a-key' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(r.status).toBe(78);
  expect(r.stderr.trim()).toBe('Configuration error: TEMPORAL_PAYLOAD_KEYS is invalid: each entry must be id:base64 of a 32-byte key');
});
