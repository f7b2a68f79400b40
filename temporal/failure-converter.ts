/**
 * The failure converter of every client and worker, loaded by path (see data-converter.ts). Error
 * messages and stack traces go into `encodedAttributes`, a payload the codec then encrypts.
 * Bundled into the workflow sandbox: import nothing but @temporalio/common here.
 */
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
