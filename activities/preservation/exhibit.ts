/**
 * Exhibition: the distribution package (PdD) of an archival package — documents, index, its
 * signature and the ingest receipt in one ZIP — after checking that the index digests still match.
 */
import { QueryTypes } from 'sequelize';
import { DomainError } from '../../domain/errors';
import type { SigningDeps } from '../signing/deps';
import { listPackageFiles, readPackageFile } from './archive';
import { createPackageCheck, type PackageProblem } from './audit';
import { readPIndexFiles } from './sincro';
import { zip } from './zip';

export function createExhibit(deps: SigningDeps) {
  const check = createPackageCheck(deps);
  return async function buildDistributionPackage(bodyId: string, packageId: string): Promise<{ zip: Buffer; problems: PackageProblem[]; files: string[] }> {
    const [p] = await deps.sequelize.query<{ index_sha256: string }>('SELECT index_sha256 FROM preservation_packages WHERE id = :packageId AND body_id = :bodyId', {
      type: QueryTypes.SELECT,
      replacements: { bodyId, packageId },
    });
    if (!p) throw new DomainError('PRESERVATION_PACKAGE_NOT_FOUND');
    const problems = await check(bodyId, packageId, p.index_sha256);
    // Only what the index lists, the index, its signature and the receipt: nothing else found on disk.
    const index = await readPackageFile(deps.config.PRESERVATION_DIR, bodyId, packageId, 'PIndex.xml');
    const onDisk = new Set(await listPackageFiles(deps.config.PRESERVATION_DIR, bodyId, packageId));
    const files = [...readPIndexFiles(index.toString('utf8')).map((f) => f.path), 'PIndex.xml', 'PIndex.xml.p7m', 'RapportoDiVersamento.xml.p7m'].filter((f) => onDisk.has(f));
    const entries = [];
    for (const f of files) entries.push({ name: f, bytes: await readPackageFile(deps.config.PRESERVATION_DIR, bodyId, packageId, f) });
    return { zip: zip(entries), problems, files };
  };
}
