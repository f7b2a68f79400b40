/**
 * Prebuilds the workflow bundle for production workers (WORKFLOW_BUNDLE_PATH=dist/workflow-bundle.js).
 * CI runs it too: a workflow that imports something the sandbox cannot load fails here.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { failureConverterPath } from '../temporal/data-converter';

export const defaultBundlePath = join(__dirname, '..', 'dist', 'workflow-bundle.js');

async function main() {
  const out = process.argv[2] ?? defaultBundlePath;
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), failureConverterPath });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, code);
  console.log(`workflow bundle: ${out} (${Math.round(code.length / 1024)} KiB)`);
}

main().catch((err: unknown) => {
  console.error(`workflow bundle failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
