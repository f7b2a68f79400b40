/**
 * Records replay fixtures of the overindebtedness workflow: one concordato minore file through three
 * runs, each ending with continue-as-new — pre-filing (to DEPOSITATO), court (opening decree, the vote
 * window closed by its timer and tallied, omologa) and execution (revocation, conversion into
 * liquidazione controllata). Every run's history is written as the CLI exports it, so a change to the
 * OCC workflow that breaks any of them fails test/integration/replay.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { occSetup } from './occ-flow';
import { startStack } from './stack';

export const occHistoryFiles = ['occ-v1-concordato-run1-prefiling.json', 'occ-v1-concordato-run2-court-vote.json', 'occ-v1-concordato-run3-execution-conversion.json'] as const;

export async function recordOccHistories(dir: string, payloadKeys: string): Promise<void> {
  // 1 day ≈ 8.6 ms: the terms of the pre-filing expire and the 30-day vote window closes in a fraction of a second.
  const stack = await startStack({ config: { TEMPORAL_PAYLOAD_KEYS: payloadKeys, DEADLINE_TIME_SCALE: '10000000' } });
  try {
    const f = await occSetup(stack);
    const m = await f.crisisManager();
    const { caseId, workflowId } = await f.open({ procedure: 'CONCORDATO_MINORE', debtorCategory: 'imprenditore_minore' });
    const runs = [await f.runId(workflowId)];
    await f.mandated(caseId, m);
    await f.filed(caseId, m);
    await f.until(caseId, (s) => s.run === 2);
    runs.push(await f.runId(workflowId));
    await f.court(caseId, 'APERTURA_CONCORDATO');
    await f.until(caseId, (s) => s.stage === 'VOTAZIONE_CHIUSA');
    await f.court(caseId, 'OMOLOGA');
    await f.until(caseId, (s) => s.run === 3);
    runs.push(await f.runId(workflowId));
    await f.court(caseId, 'REVOCA');
    await f.court(caseId, 'CONVERSIONE', { claimsDays: 60 });
    await f.until(caseId, (s) => s.run === 4);
    // The fourth run (the liquidation) is not part of the fixture.
    await stack.temporal.client.workflow.getHandle(workflowId).terminate('history recorded');
    runs.forEach((runId, i) => {
      const json = execFileSync(
        process.env.TEMPORAL_CLI_PATH!,
        ['workflow', 'show', '--workflow-id', workflowId, '--run-id', runId, '--address', stack.config.TEMPORAL_ADDRESS, '--output', 'json'],
        { encoding: 'utf8' },
      );
      writeFileSync(join(dir, occHistoryFiles[i]!), json);
    });
  } finally {
    await stack.stop();
  }
}
