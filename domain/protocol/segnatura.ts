/**
 * The XML segnatura di protocollo of AgID's Linee guida, Allegato 6 (`segnatura_protocollo.xsd`,
 * namespace http://www.agid.gov.it/protocollo/, versione 3.0.0). The schema has
 * `attributeFormDefault="qualified"`, so its attributes carry the `prot:` prefix too.
 *
 * This builds the segnatura up to step D of the Allegato (a document that follows the schema); the
 * schema's last element, the XAdES baseline-B seal (`ds:Signature`), is step E and is applied by the
 * signing service over this XML.
 */
import { DomainError } from '../errors';
import type { ClassificationNode } from './classification';
import type { Correspondent, ProtocolDirection } from './entry';
import { formatProtocolNumber, protocolDay, protocolTime } from './numbering';
import { el, serializeXml, type XmlAttrs, type XmlElement } from './xml';

export const SEGNATURA_NAMESPACE = 'http://www.agid.gov.it/protocollo/';
export const SEGNATURA_VERSION = '3.0.0';
const P = 'prot:';

export interface SegnaturaDocument {
  filename: string;
  mediaType: string;
  /** SHA-256 of the content, hex (as stored); written base64 in Impronta. */
  sha256: string;
  description?: string | undefined;
}

export interface SegnaturaInput {
  administration: { code: string; name: string };
  aoo: { code: string; name?: string | undefined };
  registerCode: string;
  number: number;
  registeredAt: Date;
  direction: ProtocolDirection;
  subject: string;
  /** The titolario path from the top level to the entry's class. */
  classification: readonly ClassificationNode[];
  file?: { code: string; name: string } | undefined;
  confidential: boolean;
  correspondents: readonly Correspondent[];
  /** The first document of the entry; the Allegato 6 segnatura needs one. */
  documents: readonly SegnaturaDocument[];
}

const CF_PERSON = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;
const PIVA = /^[0-9]{11}$/;

function qualify(attrs: Record<string, string | undefined>) {
  return Object.fromEntries(Object.entries(attrs).map(([k, v]) => [`${P}${k}`, v]));
}
const p = (name: string, a?: XmlAttrs | XmlElement['children'], c?: XmlElement['children']) => el(`${P}${name}`, a, c);

function contacts(name: string, c: Correspondent): XmlElement | undefined {
  const addresses = [c.pec, c.email].filter((a): a is string => !!a);
  if (addresses.length === 0) return undefined;
  return p(name, addresses.map((a) => p('IndirizzoTelematico', qualify({ tipo: 'smtp' }), a)));
}

function soggetto(c: Correspondent): XmlElement {
  switch (c.kind) {
    case 'person':
      return p('PersonaFisica', [
        p('Nome', c.firstName),
        p('Cognome', c.lastName),
        c.taxCode && CF_PERSON.test(c.taxCode) ? p('CodiceFiscale', c.taxCode) : undefined,
        contacts('Contatti', c),
      ]);
    case 'administration':
      if (c.ipaCode) {
        return p('Amministrazione', [
          p('DenominazioneAmministrazione', c.name),
          p('CodiceIPAAmministrazione', c.ipaCode),
          contacts('ContattiAmministrazione', c),
          c.aooCode ? p('CodiceIPAAOO', c.aooCode) : undefined,
        ]);
      }
      return p('PersonaGiuridica', [p('Denominazione', c.name), contacts('ContattiPersonaGiuridica', c)]);
    case 'company':
      return p('PersonaGiuridica', [
        p('Denominazione', c.name),
        c.vatNumber && PIVA.test(c.vatNumber) ? p('PIVAoCF', c.vatNumber) : undefined,
        contacts('ContattiPersonaGiuridica', c),
      ]);
    case 'other':
      return p('PersonaGiuridica', [p('Denominazione', c.name), contacts('ContattiPersonaGiuridica', c)]);
  }
}

function self(input: SegnaturaInput): XmlElement {
  return p('Amministrazione', [
    p('DenominazioneAmministrazione', input.administration.name),
    p('CodiceIPAAmministrazione', input.administration.code),
    p('CodiceIPAAOO', qualify({ descrizione: input.aoo.name }), input.aoo.code),
  ]);
}

function codicePath(path: readonly ClassificationNode[]): XmlElement {
  const [head, ...rest] = path;
  const children = [p('Livello', qualify({ descrizione: head!.title }), head!.code)];
  if (rest.length) children.push(p('SubLivello', codicePath(rest).children as XmlElement[]));
  return p('CodicePath', children);
}

function documento(name: string, d: SegnaturaDocument): XmlElement {
  const hex = d.sha256.toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new RangeError('sha256 must be 64 hex characters');
  const base64 = hexToBase64(hex);
  return p(name, qualify({ nomeFile: d.filename, mimeType: d.mediaType }), [
    d.description ? p('Descrizione', d.description) : undefined,
    p('Impronta', qualify({ algoritmo: 'SHA-256' }), base64),
  ]);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Browser-safe hex → base64 (domain/ has no Buffer). */
export function hexToBase64(hex: string): string {
  const bytes = hex.match(/../g)!.map((h) => parseInt(h, 16));
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + (b === undefined ? '=' : B64[(n >> 6) & 63]!) + (c === undefined ? '=' : B64[n & 63]!);
  }
  return out;
}

/** The segnatura of one registered entry, as XML text (without the seal: see the module note). */
export function buildSegnatura(input: SegnaturaInput): string {
  const [primary, ...attachments] = input.documents;
  if (!primary) throw new DomainError('SEGNATURA_NEEDS_DOCUMENT');
  if (input.classification.length === 0) throw new DomainError('CLASSIFICATION_UNKNOWN');
  if (input.correspondents.length === 0) throw new DomainError('VALIDATION_FAILED', [{ path: 'correspondents', code: 'REQUIRED' }]);
  const leaf = input.classification[input.classification.length - 1]!;
  const own = self(input);
  const others = input.correspondents.map(soggetto);
  const sender = input.direction === 'incoming' ? others[0]! : own;
  const recipients = input.direction === 'incoming' ? [own] : others;

  const root = el(
    `${P}SegnaturaInformatica`,
    { 'xmlns:prot': SEGNATURA_NAMESPACE, [`${P}versione`]: SEGNATURA_VERSION, [`${P}lang`]: 'it' },
    [
      p('Intestazione', [
        p('Identificatore', [
          p('CodiceAmministrazione', qualify({ descrizione: input.administration.name }), input.administration.code),
          p('CodiceAOO', qualify({ descrizione: input.aoo.name }), input.aoo.code),
          p('CodiceRegistro', input.registerCode),
          p('NumeroRegistrazione', formatProtocolNumber(input.number)),
          p('DataRegistrazione', protocolDay(input.registeredAt)),
          p('OraRegistrazione', protocolTime(input.registeredAt)),
        ]),
        p('Oggetto', input.subject),
        p('Classifica', [p('Denominazione', leaf.title), codicePath(input.classification)]),
        input.file ? p('Fascicolo', [p('Denominazione', input.file.name), p('CodiceFascicolo', input.file.code)]) : undefined,
        input.confidential ? p('Riservato', 'true') : undefined,
      ]),
      p('Descrizione', [
        p('Mittente', [sender]),
        ...recipients.map((r) => p('Destinatario', [r])),
        documento('DocumentoPrimario', primary),
        ...attachments.map((a) => documento('Allegato', a)),
      ]),
    ],
  );
  return serializeXml(root);
}
