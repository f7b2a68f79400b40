/**
 * Spawns the Temporal CLI dev server (with or without its Web UI) and waits, longer than the SDK's
 * 5 s, until it answers; then sets the namespace up. Used by `npm start` and `npm test`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Connection } from '@temporalio/client';
import { customSearchAttributes } from '../workflows/shared/search-attributes';
import { setUpNamespace } from './temporal-setup';
// The Web UI is served under the path at which the API proxies it to operators.
import { TEMPORAL_UI_PATH } from '../api/routes/temporal-ui-proxy';

export interface DevServerOptions {
  binary: string;
  port: number;
  namespace: string;
  /** SQLite file keeping state across restarts; in-memory when absent. */
  dbFile?: string;
  uiPort?: number;
  codecEndpoint?: string;
  readyTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface DevServer {
  address: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startTemporalDevServer(o: DevServerOptions): Promise<DevServer> {
  const args = [
    'server', 'start-dev', '--ip', '127.0.0.1', '--port', String(o.port), '--namespace', o.namespace,
    '--log-format', 'json', '--log-level', 'warn',
    ...(o.dbFile ? ['--db-filename', o.dbFile] : []),
    ...(o.uiPort ? ['--ui-port', String(o.uiPort), '--ui-public-path', TEMPORAL_UI_PATH] : ['--headless']),
    ...(o.codecEndpoint ? ['--ui-codec-endpoint', o.codecEndpoint] : []),
    // Flags apply only when the namespace is created; setUpNamespace covers a persisted one.
    ...customSearchAttributes.flatMap((k) => ['--search-attribute', `${k.name}=${k.type}`]),
  ];
  // Its own process group: a terminal's Ctrl-C goes to us, and we stop the server after the worker drained.
  const child = spawn(o.binary, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  const address = `127.0.0.1:${o.port}`;
  const deadline = Date.now() + (o.readyTimeoutMs ?? 60_000);
  let connection: Connection | undefined;
  while (!connection) {
    if (child.exitCode !== null) throw new Error(`Temporal dev server exited (${child.exitCode}): ${stderr}`);
    try {
      const c = await Connection.connect({ address, connectTimeout: 1000 });
      await c.workflowService.getSystemInfo({});
      connection = c;
    } catch (err) {
      if (Date.now() > deadline) {
        child.kill('SIGTERM');
        throw new Error(`Temporal dev server did not answer on ${address} within ${o.readyTimeoutMs ?? 60_000} ms: ${String(err)}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    await setUpNamespace(connection, o.namespace);
  } finally {
    await connection.close();
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    });
  return { address, child, stop };
}
