import { randomBytes } from 'node:crypto';
import { ApplicationFailure, defaultPayloadConverter, type Payload } from '@temporalio/common';
import {
  AesGcmPayloadCodec,
  DECRYPTION_ERROR_TYPE,
  ENCRYPTED_ENCODING,
  KEY_ID_METADATA,
  UNKNOWN_KEY_ERROR_TYPE,
} from './payload-codec';

const keyA = { id: 'a2026', key: randomBytes(32) };
const keyB = { id: 'b2027', key: randomBytes(32) };
const text = (b: Uint8Array | null | undefined) => Buffer.from(b ?? []).toString('utf8');
const toPayload = (value: unknown): Payload => defaultPayloadConverter.toPayload(value);
const fromPayload = (p: Payload | undefined): unknown => defaultPayloadConverter.fromPayload(p!);
/** Bytes as hex, so Buffer and Uint8Array compare equal. */
const hex = (p: Payload) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('hex')])),
  data: Buffer.from(p.data ?? []).toString('hex'),
});

async function encodeOne(codec: AesGcmPayloadCodec, value: unknown): Promise<Payload> {
  const [encoded] = await codec.encode([toPayload(value)]);
  return encoded!;
}

async function decodeError(codec: AesGcmPayloadCodec, payload: Payload): Promise<ApplicationFailure> {
  const err: unknown = await codec.decode([payload]).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApplicationFailure);
  return err as ApplicationFailure;
}

describe('AesGcmPayloadCodec', () => {
  it('round-trips payloads, metadata included, and hides the plaintext', async () => {
    const codec = new AesGcmPayloadCodec([keyA]);
    const input = [toPayload({ taxCode: 'RSSMRA80A01H501U' }), toPayload('Mario Rossi'), toPayload(undefined)];
    const encoded = await codec.encode(input);
    for (const p of encoded) {
      expect(text(p.metadata?.encoding)).toBe(ENCRYPTED_ENCODING);
      expect(text(p.metadata?.[KEY_ID_METADATA])).toBe('a2026');
      expect(Buffer.from(p.data!).toString('latin1')).not.toContain('RSSMRA');
    }
    const decoded = await codec.decode(encoded);
    expect(decoded.map(hex)).toEqual(input.map(hex));
    expect(fromPayload(decoded[0])).toEqual({ taxCode: 'RSSMRA80A01H501U' });
    expect(fromPayload(decoded[2])).toBeUndefined();
  });

  it('uses a fresh nonce: the same input never gives the same ciphertext', async () => {
    const codec = new AesGcmPayloadCodec([keyA]);
    const [one, two] = await codec.encode([toPayload('same'), toPayload('same')]);
    expect(Buffer.from(one!.data!).equals(Buffer.from(two!.data!))).toBe(false);
    expect(Buffer.from(one!.data!).subarray(0, 12).equals(Buffer.from(two!.data!).subarray(0, 12))).toBe(false);
  });

  it('detects a flipped ciphertext bit', async () => {
    const codec = new AesGcmPayloadCodec([keyA]);
    const payload = await encodeOne(codec, 'verbale');
    const data = Buffer.from(payload.data!);
    data[20] = data[20]! ^ 0x01;
    const err = await decodeError(codec, { ...payload, data });
    expect(err.type).toBe(DECRYPTION_ERROR_TYPE);
    expect(err.nonRetryable).toBe(true);
    expect(err.message).toContain('failed authentication');
  });

  it('detects a payload relabelled with another listed key id', async () => {
    // Same key bytes under two ids: only the AAD tells them apart.
    const codec = new AesGcmPayloadCodec([keyA, { id: 'alias', key: keyA.key }]);
    const payload = await encodeOne(codec, 'verbale');
    const relabelled = { ...payload, metadata: { ...payload.metadata, [KEY_ID_METADATA]: Buffer.from('alias') } };
    expect((await decodeError(codec, relabelled)).type).toBe(DECRYPTION_ERROR_TYPE);
  });

  it('rotates keys: [B, A] reads A-payloads and writes with B; [B] alone names the missing key', async () => {
    const old = await encodeOne(new AesGcmPayloadCodec([keyA]), { step: 'adhesion' });

    const rotated = new AesGcmPayloadCodec([keyB, keyA]);
    expect(fromPayload((await rotated.decode([old]))[0])).toEqual({ step: 'adhesion' });
    const fresh = await encodeOne(rotated, { step: 'meeting' });
    expect(text(fresh.metadata?.[KEY_ID_METADATA])).toBe('b2027');

    const onlyB = new AesGcmPayloadCodec([keyB]);
    expect(fromPayload((await onlyB.decode([fresh]))[0])).toEqual({ step: 'meeting' });
    const err = await decodeError(onlyB, old);
    expect(err.type).toBe(UNKNOWN_KEY_ERROR_TYPE);
    expect(err.nonRetryable).toBe(true);
    expect(err.message).toContain('key id "a2026" is not in TEMPORAL_PAYLOAD_KEYS');
  });

  it('refuses a key listed under the right id but with other bytes', async () => {
    const payload = await encodeOne(new AesGcmPayloadCodec([keyA]), 'x');
    const wrong = new AesGcmPayloadCodec([{ id: keyA.id, key: randomBytes(32) }]);
    expect((await decodeError(wrong, payload)).type).toBe(DECRYPTION_ERROR_TYPE);
  });

  it('passes through payloads that are not encrypted', async () => {
    const codec = new AesGcmPayloadCodec([keyA]);
    const plain = [toPayload({ a: 1 }), toPayload(null), { metadata: {}, data: new Uint8Array([1, 2]) }];
    expect(await codec.decode(plain)).toStrictEqual(plain);
  });

  it('refuses an empty keyring, short keys and duplicate ids', () => {
    expect(() => new AesGcmPayloadCodec([])).toThrow('at least one key');
    expect(() => new AesGcmPayloadCodec([{ id: 'k', key: randomBytes(16) }])).toThrow('32 bytes');
    expect(() => new AesGcmPayloadCodec([keyA, keyA])).toThrow('listed twice');
  });
});
