/**
 * The write-once archive of packages (PdA) on the local disk: `<PRESERVATION_DIR>/<body>/<package>/`,
 * written in a temporary directory and renamed into place, files and directory then made read-only.
 */
import { chmod, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';

export interface ArchiveFile {
  path: string;
  bytes: Buffer;
}

export function packageDir(root: string, bodyId: string, packageId: string): string {
  return join(resolve(root), bodyId, packageId);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Writes a package once; returns false when it is already in place (nothing rewritten). */
export async function writePackage(root: string, bodyId: string, packageId: string, files: readonly ArchiveFile[]): Promise<boolean> {
  const final = packageDir(root, bodyId, packageId);
  if (await exists(final)) return false;
  const temp = `${final}.tmp-${process.pid}-${Date.now()}`;
  await mkdir(temp, { recursive: true });
  try {
    for (const f of files) {
      const target = resolve(temp, f.path);
      if (!target.startsWith(temp + sep)) throw new Error('path outside the package');
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, f.bytes, { flag: 'wx', mode: 0o444 });
    }
    await rename(temp, final);
  } catch (err) {
    await rm(temp, { recursive: true, force: true });
    throw err;
  }
  await lockDown(final);
  return true;
}

async function lockDown(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) await lockDown(join(dir, entry.name));
  }
  await chmod(dir, 0o555);
}

export async function readPackageFile(root: string, bodyId: string, packageId: string, path: string): Promise<Buffer> {
  const base = packageDir(root, bodyId, packageId);
  const target = resolve(base, path);
  if (!target.startsWith(base + sep)) throw new Error('path outside the package');
  return readFile(target);
}

export async function listPackageFiles(root: string, bodyId: string, packageId: string): Promise<string[]> {
  const base = packageDir(root, bodyId, packageId);
  const out: string[] = [];
  const walk = async (dir: string, prefix: string) => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      if (e.isDirectory()) await walk(join(dir, e.name), `${prefix}${e.name}/`);
      else out.push(`${prefix}${e.name}`);
    }
  };
  await walk(base, '');
  return out.sort();
}
