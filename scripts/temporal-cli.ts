/**
 * Finds or provides the Temporal CLI binary (dev server + Web UI), shared by `npm start`, `npm test`
 * and CI. Order: TEMPORAL_CLI_PATH → `temporal` on PATH → cached build → `go install` (Go present)
 * → the SDK's own download. Run directly (`npm run temporal:install`) it prints the chosen path.
 */
import { execFileSync, spawn } from 'node:child_process';
import { accessSync, constants, copyFileSync, existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

export const TEMPORAL_CLI_VERSION = 'v1.5.1';
const GO_PACKAGE = `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`;

type Log = (line: string) => void;

export function temporalCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.MEDIAZIONE_CACHE_DIR ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'mediazione-aperta');
  return join(base, `temporal-cli-${TEMPORAL_CLI_VERSION}`);
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The binary must be a CLI that embeds the dev server (`temporal version … (Server x, UI y)`). */
function versionOf(path: string): string | null {
  try {
    const out = execFileSync(path, ['--version'], { encoding: 'utf8', timeout: 20_000 }).trim();
    return /Server \d/.test(out) ? out : null;
  } catch {
    return null;
  }
}

function onPath(name: string, env: NodeJS.ProcessEnv): string | null {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return null;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, log: Log): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let lastReport = 0;
    let downloaded = 0;
    const onOutput = (chunk: Buffer) => {
      downloaded += chunk.toString().split('\n').filter((l) => l.includes('downloading')).length;
      if (Date.now() - lastReport > 15_000) {
        lastReport = Date.now();
        log(`  … still building (${downloaded} modules fetched so far)`);
      }
    };
    let stderrTail = '';
    child.stdout.on('data', onOutput);
    child.stderr.on('data', (c: Buffer) => {
      stderrTail = (stderrTail + c.toString()).slice(-4000);
      onOutput(c);
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited ${code}: ${stderrTail}`))));
  });
}

async function buildWithGo(dir: string, env: NodeJS.ProcessEnv, log: Log): Promise<string | null> {
  const go = onPath('go', env);
  if (!go) return null;
  log(`Temporal CLI: building ${GO_PACKAGE} with Go (first time only, takes a few minutes)…`);
  const started = Date.now();
  const tmpBin = join(dir, 'build');
  mkdirSync(tmpBin, { recursive: true });
  const goEnv = { ...env, CGO_ENABLED: '0', GOBIN: tmpBin, GOFLAGS: '-mod=mod' };
  await run(go, ['install', '-trimpath', '-ldflags=-s -w', GO_PACKAGE], goEnv, log);
  const target = join(dir, 'temporal');
  renameSync(join(tmpBin, 'temporal'), target);
  log(`Temporal CLI: built in ${Math.round((Date.now() - started) / 1000)} s`);
  return target;
}

/** Last resort where Go is absent but the Temporal download site is reachable. */
async function downloadWithSdk(dir: string, log: Log): Promise<string> {
  log(`Temporal CLI: no Go toolchain; downloading ${TEMPORAL_CLI_VERSION} through the Temporal SDK…`);
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const env = await TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'cached-download', downloadDir: dir, version: TEMPORAL_CLI_VERSION, ttl: '3650 days' } },
  });
  await env.teardown();
  const downloaded = readdirSync(dir).find((f) => f.startsWith('temporal') && f.includes(TEMPORAL_CLI_VERSION));
  if (!downloaded) throw new Error(`the SDK download left no binary in ${dir}`);
  const target = join(dir, 'temporal');
  copyFileSync(join(dir, downloaded), target);
  return target;
}

export async function ensureTemporalCli(log: Log = console.log, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.TEMPORAL_CLI_PATH) {
    if (!isExecutable(env.TEMPORAL_CLI_PATH) || !versionOf(env.TEMPORAL_CLI_PATH)) {
      throw new Error(`TEMPORAL_CLI_PATH=${env.TEMPORAL_CLI_PATH} is not an executable Temporal CLI`);
    }
    return env.TEMPORAL_CLI_PATH;
  }
  const fromPath = onPath('temporal', env);
  if (fromPath && versionOf(fromPath)) return fromPath;

  const dir = temporalCacheDir(env);
  const cached = join(dir, 'temporal');
  if (existsSync(cached) && versionOf(cached)) return cached;

  mkdirSync(dir, { recursive: true });
  const built = (await buildWithGo(dir, env, log)) ?? (await downloadWithSdk(dir, log));
  const version = versionOf(built);
  if (!version) throw new Error(`the Temporal CLI at ${built} does not run`);
  log(`Temporal CLI: ${version} at ${built}`);
  return built;
}

if (require.main === module) {
  ensureTemporalCli().then(
    (path) => console.log(path),
    (err: unknown) => {
      console.error(`Temporal CLI bootstrap failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
