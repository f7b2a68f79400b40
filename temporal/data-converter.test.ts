import { randomBytes } from 'node:crypto';
import { DefaultFailureConverter } from '@temporalio/common';
import { loadDataConverter } from '@temporalio/common/lib/internal-non-workflow';
import { createDataConverter } from './data-converter';
import { AesGcmPayloadCodec } from './payload-codec';

describe('createDataConverter', () => {
  it('loads, as the SDK does, the codec and a failure converter that encodes messages and stacks', () => {
    const loaded = loadDataConverter(createDataConverter([{ id: 'k1', key: randomBytes(32) }]));
    expect(loaded.payloadCodecs).toHaveLength(1);
    expect(loaded.payloadCodecs[0]).toBeInstanceOf(AesGcmPayloadCodec);
    expect(loaded.failureConverter).toBeInstanceOf(DefaultFailureConverter);
    expect((loaded.failureConverter as DefaultFailureConverter).options.encodeCommonAttributes).toBe(true);
  });
});
