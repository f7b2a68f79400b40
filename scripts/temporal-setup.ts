/**
 * Idempotent namespace set-up, for the embedded dev server and for a cluster
 * (`npm run temporal:setup` against TEMPORAL_ADDRESS): registers the custom search attributes that
 * are missing and raises the namespace retention (the dev server creates namespaces with 24 h, so
 * closed cases would vanish from the Web UI a day after closing).
 */
import { Connection } from '@temporalio/client';
import Long from 'long';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { customSearchAttributes } from '../workflows/shared/search-attributes';

const RETENTION_DAYS = 3650;

export async function setUpNamespace(connection: Connection, namespace: string): Promise<void> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const missing = customSearchAttributes.filter((k) => !(k.name in existing.customAttributes));
  if (missing.length > 0) {
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map((k) => [k.name, encodeSearchAttributeIndexedValueType(k.type)!])),
    });
  }
  const ns = await connection.workflowService.describeNamespace({ namespace });
  const current = Number(ns.config?.workflowExecutionRetentionTtl?.seconds ?? 0);
  if (current < RETENTION_DAYS * 86400) {
    await connection.workflowService.updateNamespace({
      namespace,
      config: { workflowExecutionRetentionTtl: { seconds: Long.fromNumber(RETENTION_DAYS * 86400) } },
    });
  }
}

if (require.main === module) {
  // `npm run temporal:setup`: the same set-up against the configured cluster.
  void (async () => {
    const { loadConfig } = await import('../config');
    const { temporalConnectionOptions } = await import('../temporal/connection-options');
    const config = loadConfig();
    const connection = await Connection.connect(temporalConnectionOptions(config));
    try {
      await setUpNamespace(connection, config.TEMPORAL_NAMESPACE);
      console.log(`Namespace ${config.TEMPORAL_NAMESPACE}: search attributes registered, retention ${RETENTION_DAYS} days`);
    } finally {
      await connection.close();
    }
  })().catch((err: unknown) => {
    console.error(`temporal:setup failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
