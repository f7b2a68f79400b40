/**
 * AES-256-GCM payload codec. Each payload (the whole Payload proto, metadata included) becomes
 * `nonce (12 bytes) | ciphertext | tag (16 bytes)` under the first key of the keyring; the key id is
 * stored in metadata and authenticated as additional data, so relabelling a payload is detected.
 * Every listed key decrypts, which is how keys rotate while workflows run.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ApplicationFailure, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
/** Failure types, usable in `nonRetryableErrorTypes` of activity retry policies. */
export const UNKNOWN_KEY_ERROR_TYPE = 'PayloadKeyUnknown';
export const DECRYPTION_ERROR_TYPE = 'PayloadDecryptionFailed';

export interface PayloadKey {
  id: string;
  key: Buffer;
}

const ALGORITHM = 'aes-256-gcm';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const ProtoPayload = temporal.api.common.v1.Payload;

const utf8 = (bytes: Uint8Array | null | undefined): string | undefined =>
  bytes ? Buffer.from(bytes).toString('utf8') : undefined;

/** Binds the ciphertext to its key id: changing the metadata breaks the GCM tag. */
const additionalData = (keyId: string): Buffer => Buffer.from(`${ENCRYPTED_ENCODING};${KEY_ID_METADATA}=${keyId}`, 'utf8');

export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly encryptKey: PayloadKey;
  private readonly keysById: ReadonlyMap<string, Buffer>;

  /** @param keys the keyring, as parsed from TEMPORAL_PAYLOAD_KEYS: the first encrypts, all decrypt. */
  constructor(keys: readonly PayloadKey[]) {
    const [first] = keys;
    if (!first) throw new Error('AesGcmPayloadCodec needs at least one key');
    const byId = new Map<string, Buffer>();
    for (const { id, key } of keys) {
      if (key.length !== 32) throw new Error(`Payload key ${id} must be 32 bytes, got ${key.length}`);
      if (byId.has(id)) throw new Error(`Payload key id ${id} listed twice`);
      byId.set(id, key);
    }
    this.encryptKey = first;
    this.keysById = byId;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.encrypt(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.decrypt(payload));
  }

  private encrypt(payload: Payload): Payload {
    const { id, key } = this.encryptKey;
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES });
    cipher.setAAD(additionalData(id));
    const plaintext = ProtoPayload.encode(payload).finish();
    const ciphertext = Buffer.concat([nonce, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: {
        encoding: Buffer.from(ENCRYPTED_ENCODING, 'utf8'),
        [KEY_ID_METADATA]: Buffer.from(id, 'utf8'),
      },
      data: ciphertext,
    };
  }

  private decrypt(payload: Payload): Payload {
    if (utf8(payload.metadata?.encoding) !== ENCRYPTED_ENCODING) return payload;
    const keyId = utf8(payload.metadata?.[KEY_ID_METADATA]);
    if (keyId === undefined) {
      throw ApplicationFailure.nonRetryable(
        `Encrypted payload has no ${KEY_ID_METADATA} metadata and cannot be decrypted`,
        DECRYPTION_ERROR_TYPE,
      );
    }
    const key = this.keysById.get(keyId);
    if (!key) {
      throw ApplicationFailure.nonRetryable(
        `Payload encrypted with key id "${keyId}" cannot be decrypted: key id "${keyId}" is not in ` +
          `TEMPORAL_PAYLOAD_KEYS (listed: ${[...this.keysById.keys()].join(', ')}). ` +
          'Add that key back to the list (after the encrypting key) and restart.',
        UNKNOWN_KEY_ERROR_TYPE,
      );
    }
    const data = Buffer.from(payload.data ?? []);
    let plaintext: Buffer;
    try {
      if (data.length < NONCE_BYTES + TAG_BYTES) throw new Error('too short');
      const decipher = createDecipheriv(ALGORITHM, key, data.subarray(0, NONCE_BYTES), { authTagLength: TAG_BYTES });
      decipher.setAAD(additionalData(keyId));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      plaintext = Buffer.concat([decipher.update(data.subarray(NONCE_BYTES, data.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw ApplicationFailure.nonRetryable(
        `Payload encrypted with key id "${keyId}" failed authentication: it was altered, or the key listed ` +
          `under "${keyId}" in TEMPORAL_PAYLOAD_KEYS is not the one that encrypted it`,
        DECRYPTION_ERROR_TYPE,
      );
    }
    const inner = ProtoPayload.decode(plaintext);
    return inner.externalPayloads.length > 0
      ? { metadata: inner.metadata, data: inner.data, externalPayloads: inner.externalPayloads }
      : { metadata: inner.metadata, data: inner.data };
  }
}
