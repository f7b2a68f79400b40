import type { Server } from 'node:http';
import { join } from 'node:path';
import { createTenant, TEST_PASSWORD } from './fixtures';
import { startStack, type Stack } from './stack';

export interface ServedStack {
  stack: Stack;
  baseURL: string;
  email: string;
  password: string;
  stop(): Promise<void>;
}

/** The whole product on a free port: API serving the built UI, a worker, a fresh body with a secretariat user. */
export async function startServedStack(opts: { port?: number; config?: Record<string, string> } = {}): Promise<ServedStack> {
  const stack = await startStack({ config: { WEB_DIST_DIR: join(__dirname, '..', '..', 'web', 'dist'), ...opts.config } });
  const tenant = await createTenant(stack.sequelize, ['secretariat']);
  const server = await new Promise<Server>((resolve) => {
    const s = stack.app.listen(opts.port ?? 0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as { port: number };
  return {
    stack,
    baseURL: `http://localhost:${port}`,
    email: tenant.users.secretariat!.email,
    password: TEST_PASSWORD,
    async stop() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await stack.stop();
    },
  };
}
