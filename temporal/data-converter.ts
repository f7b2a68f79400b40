/**
 * The one DataConverter for every Temporal client and worker: payloads encrypted by the AES-GCM codec,
 * failure messages and stack traces encoded as payloads so the codec encrypts them too.
 *
 * Why a path and not `failureConverter: new DefaultFailureConverter(...)`: in SDK 1.24 the
 * `DataConverter` interface has no failure-converter instance field, only `failureConverterPath`
 * (common/src/converter/data-converter.ts). `Worker.create` always runs `loadDataConverter`, which
 * `require()`s that path for the activity side and ignores anything else
 * (common/src/internal-non-workflow/data-converter-helpers.ts; worker/src/worker-options.ts), and
 * the workflow bundle gets it as the webpack alias `__temporal_custom_failure_converter`
 * (worker/src/worker.ts getOrCreateBundle -> workflow/bundler.ts; workflow/src/worker-interface.ts).
 * An instance would silently leave error text in clear. With a prebuilt bundle, also pass
 * `failureConverterPath` to `bundleWorkflowCode`; `Worker.create` ignores it when `workflowBundle` is set.
 */
import type { DataConverter } from '@temporalio/common';
import { AesGcmPayloadCodec, type PayloadKey } from './payload-codec';

/** Absolute path of the module exporting `failureConverter`; also for `bundleWorkflowCode`. */
export const failureConverterPath: string = require.resolve('./failure-converter');

export function createDataConverter(keys: readonly PayloadKey[]): DataConverter {
  return { payloadCodecs: [new AesGcmPayloadCodec(keys)], failureConverterPath };
}
