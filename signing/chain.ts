/** Certificate path building and validation at a given instant, against configured trust anchors. */
import type { ParsedCertificate } from './certificates';

export type ChainProblem =
  | { code: 'CHAIN_INCOMPLETE' }
  | { code: 'ROOT_NOT_TRUSTED' }
  | { code: 'NOT_A_CA'; subject: string }
  | { code: 'CERT_EXPIRED'; subject: string; notAfter: string }
  | { code: 'CERT_NOT_YET_VALID'; subject: string; notBefore: string };

export interface ChainResult {
  /** trusted: a path to an anchor, every certificate valid at the instant; untrusted: no anchor reached; invalid: a broken path or validity. */
  status: 'trusted' | 'untrusted' | 'invalid';
  path: ParsedCertificate[];
  anchor: ParsedCertificate | null;
  problems: ChainProblem[];
}

const nameOf = (c: ParsedCertificate) => c.subject.commonName ?? c.subject.organization ?? c.serialHex;

function issuedBy(child: ParsedCertificate, issuer: ParsedCertificate): boolean {
  if (!child.issuerRaw.equals(issuer.subjectRaw)) return false;
  try {
    return child.x509.verify(issuer.x509.publicKey);
  } catch {
    return false;
  }
}

export function validateChain(leaf: ParsedCertificate, pool: readonly ParsedCertificate[], anchors: readonly ParsedCertificate[], at: Date): ChainResult {
  const path: ParsedCertificate[] = [leaf];
  const problems: ChainProblem[] = [];
  let anchor: ParsedCertificate | null = null;
  let current = leaf;
  for (let depth = 0; depth < 10; depth++) {
    const same = anchors.find((a) => a.sha256 === current.sha256);
    if (same) {
      anchor = same;
      break;
    }
    const fromAnchor = anchors.find((a) => issuedBy(current, a));
    if (fromAnchor) {
      path.push(fromAnchor);
      anchor = fromAnchor;
      break;
    }
    const next = pool.find((c) => c.sha256 !== current.sha256 && !path.includes(c) && issuedBy(current, c));
    if (!next) {
      problems.push(issuedBy(current, current) ? { code: 'ROOT_NOT_TRUSTED' } : { code: 'CHAIN_INCOMPLETE' });
      break;
    }
    path.push(next);
    current = next;
  }
  for (const [i, c] of path.entries()) {
    if (i > 0 && !c.isCa) problems.push({ code: 'NOT_A_CA', subject: nameOf(c) });
    if (at.getTime() > c.notAfter.getTime()) problems.push({ code: 'CERT_EXPIRED', subject: nameOf(c), notAfter: c.notAfter.toISOString() });
    if (at.getTime() < c.notBefore.getTime()) problems.push({ code: 'CERT_NOT_YET_VALID', subject: nameOf(c), notBefore: c.notBefore.toISOString() });
  }
  const broken = problems.some((p) => p.code === 'NOT_A_CA' || p.code === 'CERT_EXPIRED' || p.code === 'CERT_NOT_YET_VALID');
  return { status: broken ? 'invalid' : anchor ? 'trusted' : 'untrusted', path, anchor, problems };
}
