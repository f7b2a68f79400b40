/**
 * The bodies' signing credentials: the CA and the seal, created at onboarding (or on first use for a
 * body created before), private keys sealed with SIGNING_KEYS_SECRET. Never logged, never returned
 * by the API: only certificates leave this module.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { QueryTypes, type Sequelize } from 'sequelize';
import { createBodyCa, issueSealCredential, type Credential } from '../../signing/body-pki';
import { parseCertificate, type ParsedCertificate } from '../../signing/certificates';
import { openPrivateKey, sealPrivateKey } from '../../signing/keys';

type Kind = 'ca' | 'seal';

const owner = (bodyId: string, kind: Kind) => `${bodyId}:${kind}`;

interface Row {
  kind: Kind;
  certificate: Buffer;
  sealed_key: Buffer;
}

async function rows(sequelize: Sequelize, bodyId: string): Promise<Row[]> {
  return sequelize.query<Row>('SELECT kind, certificate, sealed_key FROM signing_credentials WHERE body_id = :bodyId', { type: QueryTypes.SELECT, replacements: { bodyId } });
}

async function insert(sequelize: Sequelize, bodyId: string, kind: Kind, credential: Credential, secret: string): Promise<void> {
  await sequelize.query(
    `INSERT INTO signing_credentials (id, body_id, kind, certificate, sealed_key, not_after)
     VALUES (:id, :bodyId, :kind, :certificate, :sealedKey, :notAfter) ON CONFLICT (body_id, kind) DO NOTHING`,
    {
      replacements: {
        id: randomUUID(),
        bodyId,
        kind,
        certificate: credential.certificate.raw,
        sealedKey: sealPrivateKey(credential.privateKey, secret, owner(bodyId, kind)),
        notAfter: credential.certificate.notAfter,
      },
    },
  );
}

/**
 * Onboarding: creates the body's CA and seal when missing (idempotent; concurrent callers agree on
 * the first row written). Returns the CA certificate.
 */
export async function ensureBodySigningKeys(sequelize: Sequelize, bodyId: string, secret: string, now = new Date()): Promise<ParsedCertificate> {
  const existing = await rows(sequelize, bodyId);
  if (existing.some((r) => r.kind === 'ca') && existing.some((r) => r.kind === 'seal')) {
    return parseCertificate(existing.find((r) => r.kind === 'ca')!.certificate);
  }
  const [body] = await sequelize.query<{ name: string; tax_code: string | null }>('SELECT name, tax_code FROM bodies WHERE id = :bodyId', { type: QueryTypes.SELECT, replacements: { bodyId } });
  if (!body) throw new Error(`unknown body ${bodyId}`);
  const identity = { name: body.name, taxCode: body.tax_code };
  if (!existing.some((r) => r.kind === 'ca')) await insert(sequelize, bodyId, 'ca', await createBodyCa(identity, now), secret);
  const ca = await loadCredential(sequelize, bodyId, 'ca', secret, false);
  if (!existing.some((r) => r.kind === 'seal')) await insert(sequelize, bodyId, 'seal', await issueSealCredential(ca, identity, now), secret);
  return ca.certificate;
}

/** The body's CA or seal with its private key opened; created first if the body has none yet. */
export async function loadCredential(sequelize: Sequelize, bodyId: string, kind: Kind, secret: string, ensure = true): Promise<Credential> {
  if (ensure) await ensureBodySigningKeys(sequelize, bodyId, secret);
  const all = await rows(sequelize, bodyId);
  const row = all.find((r) => r.kind === kind);
  const caRow = all.find((r) => r.kind === 'ca');
  if (!row || !caRow) throw new Error(`body ${bodyId} has no ${kind} credential`);
  const certificate = parseCertificate(row.certificate);
  return {
    certificate,
    privateKey: openPrivateKey(row.sealed_key, secret, owner(bodyId, kind)),
    chain: kind === 'ca' ? [] : [parseCertificate(caRow.certificate)],
  };
}

export async function bodyCaCertificate(sequelize: Sequelize, bodyId: string): Promise<ParsedCertificate | null> {
  const row = (await rows(sequelize, bodyId)).find((r) => r.kind === 'ca');
  return row ? parseCertificate(row.certificate) : null;
}

/** PEM or DER certificates from a file (one or more PEM blocks). */
export function readCertificateFile(path: string): ParsedCertificate[] {
  const bytes = readFileSync(path);
  const text = bytes.toString('latin1');
  if (!text.includes('-----BEGIN CERTIFICATE-----')) return [parseCertificate(bytes)];
  return [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/g)].map((m) => parseCertificate(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64')));
}

/**
 * Trust anchors for verifying signatures in a body: its own CA, the anchors configured for it or
 * for the installation (table trust_anchors), and the PEM files of SIGNATURE_TRUST_ANCHORS.
 */
export async function trustAnchors(sequelize: Sequelize, bodyId: string, configured: string): Promise<ParsedCertificate[]> {
  const own = await bodyCaCertificate(sequelize, bodyId);
  const stored = await sequelize.query<{ certificate: Buffer }>('SELECT certificate FROM trust_anchors WHERE body_id = :bodyId OR body_id IS NULL', {
    type: QueryTypes.SELECT,
    replacements: { bodyId },
  });
  const files = configured
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .flatMap(readCertificateFile);
  return [...(own ? [own] : []), ...stored.map((r) => parseCertificate(r.certificate)), ...files];
}

export async function addTrustAnchor(sequelize: Sequelize, input: { bodyId: string | null; label: string; certificate: ParsedCertificate; createdBy: string | null }): Promise<void> {
  await sequelize.query(
    `INSERT INTO trust_anchors (id, body_id, label, certificate, sha256, created_by) VALUES (:id, :bodyId, :label, :certificate, :sha256, :createdBy) ON CONFLICT DO NOTHING`,
    { replacements: { id: randomUUID(), ...input, certificate: input.certificate.raw, sha256: input.certificate.sha256 } },
  );
}
