/**
 * The body's own PKI: a root CA created at onboarding, a seal certificate for the body's automatic
 * signatures (daily protocol register, preservation indexes), and short-lived certificates for
 * one-shot signers, whose subject carries "TINIT-<tax code>" as Italian qualified certificates do.
 */
import type { KeyObject } from 'node:crypto';
import { issueCertificate, type NameAttribute, type ParsedCertificate } from './certificates';
import { generateRsaKeyPair } from './keys';
import { OID } from './oids';

export interface Credential {
  certificate: ParsedCertificate;
  privateKey: KeyObject;
  /** Issuer certificates up to the root, to embed in signatures. */
  chain: ParsedCertificate[];
}

export interface BodyIdentity {
  name: string;
  /** Tax code or VAT number of the body, when known: goes in organizationIdentifier "VATIT-…". */
  taxCode?: string | null;
}

const YEAR_MS = 365 * 86400_000;
/** Certificates start a few minutes in the past so a slightly slow verifier clock still accepts them. */
const SKEW_MS = 5 * 60_000;

function organisation(body: BodyIdentity): NameAttribute[] {
  return [
    [OID.country, 'IT'],
    [OID.organization, body.name],
    ...(body.taxCode ? [[OID.organizationIdentifier, `VATIT-${body.taxCode}`] as NameAttribute] : []),
  ];
}

export async function createBodyCa(body: BodyIdentity, now: Date): Promise<Credential> {
  const keys = await generateRsaKeyPair(3072);
  const certificate = issueCertificate({
    subject: [...organisation(body), [OID.commonName, `${body.name} - CA firme`]],
    signingKey: keys.privateKey,
    publicKey: keys.publicKey,
    notBefore: new Date(now.getTime() - SKEW_MS),
    notAfter: new Date(now.getTime() + 20 * YEAR_MS),
    ca: true,
    usage: 'ca',
  });
  return { certificate, privateKey: keys.privateKey, chain: [] };
}

/** The body's seal (sigillo): signs automatically in the body's name. */
export async function issueSealCredential(ca: Credential, body: BodyIdentity, now: Date): Promise<Credential> {
  const keys = await generateRsaKeyPair(2048);
  const certificate = issueCertificate({
    subject: [...organisation(body), [OID.commonName, body.name]],
    issuer: ca.certificate,
    signingKey: ca.privateKey,
    publicKey: keys.publicKey,
    notBefore: new Date(now.getTime() - SKEW_MS),
    notAfter: new Date(now.getTime() + 5 * YEAR_MS),
    ca: false,
    usage: 'signature',
  });
  return { certificate, privateKey: keys.privateKey, chain: [ca.certificate] };
}

export interface SignerIdentity {
  givenName: string;
  surname: string;
  taxCode: string;
}

/** A one-shot signer's certificate, valid for `validityMs` (minutes, typically). */
export async function issueSignerCredential(ca: Credential, signer: SignerIdentity, now: Date, validityMs: number): Promise<Credential> {
  const keys = await generateRsaKeyPair(2048);
  const certificate = issueCertificate({
    subject: [
      [OID.country, 'IT'],
      [OID.givenName, signer.givenName],
      [OID.surname, signer.surname],
      [OID.serialNumber, `TINIT-${signer.taxCode.toUpperCase()}`],
      [OID.commonName, `${signer.givenName} ${signer.surname}`],
    ],
    issuer: ca.certificate,
    signingKey: ca.privateKey,
    publicKey: keys.publicKey,
    notBefore: new Date(now.getTime() - SKEW_MS),
    notAfter: new Date(now.getTime() + validityMs),
    ca: false,
    usage: 'signature',
  });
  return { certificate, privateKey: keys.privateKey, chain: [ca.certificate] };
}
