import { randomUUID } from 'node:crypto';
import { parseConfig, type Config } from '../../config';

/** The configuration scripts/test.ts prepared (real Temporal + PostgreSQL), with a task queue of the suite's own. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return parseConfig({
    ...process.env,
    TEMPORAL_TASK_QUEUE: `test-${randomUUID()}`,
    APP_PORT: '0',
    WEB_DIST_DIR: '',
    ...overrides,
  });
}
