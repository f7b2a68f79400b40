import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

export interface StoredBlob {
  sha256: string;
  size: number;
}

export interface FileStore {
  /** Stores the bytes under their SHA-256 (idempotent: the same content is written once). */
  put(bytes: Uint8Array): Promise<StoredBlob>;
  /** The bytes stored under a digest; throws ENOENT when absent. */
  get(sha256: string): Promise<Buffer>;
  /** Whether the stored bytes still hash to their name (false when missing or altered). */
  verify(sha256: string): Promise<boolean>;
}

const DIGEST = /^[0-9a-f]{64}$/;

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Content-addressed, write-once local store: `<root>/ab/cd/<sha256>`, files created read-only through
 * a temporary name and an atomic rename, never overwritten. A crash leaves at most a stray temp file.
 */
export function createFileStore(root: string): FileStore {
  const base = resolve(root);
  const pathOf = (sha256: string): string => {
    if (!DIGEST.test(sha256)) throw new Error('invalid digest');
    return join(base, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };

  const exists = async (path: string): Promise<boolean> =>
    open(path, constants.O_RDONLY).then(
      async (h) => (await h.close(), true),
      () => false,
    );

  return {
    async put(bytes) {
      const sha256 = sha256Hex(bytes);
      const path = pathOf(sha256);
      if (await exists(path)) return { sha256, size: bytes.byteLength };
      await mkdir(dirname(path), { recursive: true });
      const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
      const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o440);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, path).catch(async (error: unknown) => {
        await rm(temp, { force: true });
        throw error;
      });
      return { sha256, size: bytes.byteLength };
    },
    get: (sha256) => readFile(pathOf(sha256)),
    async verify(sha256) {
      try {
        return sha256Hex(await readFile(pathOf(sha256))) === sha256;
      } catch {
        return false;
      }
    },
  };
}
