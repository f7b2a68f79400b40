/**
 * The segnatura is checked against the element tree of AgID's `segnatura_protocollo.xsd` (versione
 * 3.0.0) as the spec transcribes it (spec §B.5): order, cardinality, namespace-qualified elements and
 * attributes, fixed values and the patterns of the simple types. Only `ds:Signature`, the XAdES seal
 * applied after this step, is expected to be missing.
 */
import { createHash } from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import type { Correspondent } from './entry';
import { buildSegnatura, hexToBase64, SEGNATURA_NAMESPACE, type SegnaturaInput } from './segnatura';

const NS = SEGNATURA_NAMESPACE;
type Attr = { name: string; required?: boolean; fixed?: string; pattern?: RegExp };
type Rule = { name: string; min?: number; max?: number; text?: RegExp; attrs?: Attr[]; seq?: Item[] };
type Item = Rule | { choice: Rule[]; min?: number; max?: number };

const anyText = /^[\s\S]*$/;
const contatti = (name: string): Rule => ({ name, min: 0, seq: [{ name: 'IndirizzoTelematico', min: 0, max: Infinity, text: /.+@.+/, attrs: [{ name: 'tipo', pattern: /^(smtp|url|other)$/ }] }] });
const codiceIPA = (name: string, min = 1): Rule => ({ name, min, text: /.+/, attrs: [{ name: 'descrizione' }] });
const personaFisica = (min = 1, max = 1): Rule => ({
  name: 'PersonaFisica', min, max,
  seq: [{ name: 'Nome', text: /.+/ }, { name: 'Cognome', text: /.+/ }, { name: 'Titolo', min: 0, text: anyText },
    { name: 'CodiceFiscale', min: 0, text: /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/ }, contatti('Contatti')],
});
const soggetto: Item = {
  choice: [
    { name: 'Amministrazione', seq: [{ name: 'DenominazioneAmministrazione', text: /.+/ }, { name: 'CFAmministrazione', min: 0, text: /^[0-9]{11}$/ }, codiceIPA('CodiceIPAAmministrazione'),
      contatti('ContattiAmministrazione'), codiceIPA('CodiceIPAAOO', 0), contatti('ContattiAOO'), codiceIPA('CodiceIPAUO', 0), contatti('ContattiUO'), personaFisica(0, Infinity)] },
    { name: 'PersonaGiuridica', seq: [{ name: 'Denominazione', text: /.+/ }, { name: 'PIVAoCF', min: 0, text: /^[0-9]{11}$/ }, contatti('ContattiPersonaGiuridica'), personaFisica(0, Infinity)] },
    personaFisica(),
    { name: 'AmministrazioneEstera', seq: [{ name: 'DenominazioneAmministrazione', text: /.+/ }, { name: 'DenominazioneUfficio', min: 0, text: anyText }, contatti('ContattiAmministrazione')] },
  ],
};
const documento = (name: string, min: number, max: number): Rule => ({
  name, min, max,
  attrs: [{ name: 'nomeFile', required: true }, { name: 'mimeType', required: true }],
  seq: [{ name: 'Descrizione', min: 0, text: anyText }, { name: 'Impronta', text: /^[A-Za-z0-9+/]+={0,2}$/, attrs: [{ name: 'algoritmo' }] }],
});
const livello = (name: string, min: number): Rule => ({ name, min, seq: [{ name: 'Livello', text: /.+/, attrs: [{ name: 'descrizione' }] }] });
function livelloType(name: string, min: number): Rule {
  const r = livello(name, min);
  r.seq!.push({ name: 'SubLivello', min: 0, seq: [] });
  return r;
}
const identificatore: Rule = {
  name: 'Identificatore',
  seq: [codiceIPA('CodiceAmministrazione'), codiceIPA('CodiceAOO'), { name: 'CodiceRegistro', text: /^[A-Za-z0-9_.-]{1,16}$/ },
    { name: 'NumeroRegistrazione', text: /^[0-9]{7,}$/ }, { name: 'DataRegistrazione', text: /^\d{4}-\d{2}-\d{2}$/ },
    { name: 'OraRegistrazione', min: 0, text: /^\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})?$/ }],
};
const schema: Rule = {
  name: 'SegnaturaInformatica',
  attrs: [{ name: 'versione', required: true, fixed: '3.0.0' }, { name: 'lang', required: true, fixed: 'it' }],
  seq: [
    { name: 'Intestazione', seq: [identificatore, { ...identificatore, name: 'PrimaRegistrazione', min: 0 }, { name: 'Oggetto', text: /.+/ },
      { name: 'Classifica', seq: [{ name: 'Denominazione', text: /.+/ }, { choice: [{ name: 'CodiceFlat', text: /.+/ }, livelloType('CodicePath', 1)] }] },
      { name: 'Fascicolo', min: 0, seq: [{ name: 'Denominazione', text: /.+/ }, { name: 'CodiceFascicolo', text: /.+/ }] },
      { name: 'Riservato', min: 0, text: /^(true|false)$/, attrs: [{ name: 'note' }] }] },
    { name: 'Descrizione', seq: [
      { name: 'Mittente', seq: [soggetto] },
      { name: 'Destinatario', max: Infinity, attrs: [{ name: 'confermaRicezione' }, { name: 'perConoscenza' }], seq: [soggetto] },
      documento('DocumentoPrimario', 1, 1),
      documento('Allegato', 0, Infinity),
    ] },
    // ds:Signature (XAdES-B), applied by the seal over this XML.
    { name: 'Signature', seq: [] },
  ],
};

function childElements(e: Element): Element[] {
  const out: Element[] = [];
  for (let n = e.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1) out.push(n as Element);
    else if (n.nodeType === 3 && (n.nodeValue ?? '').trim() && e.childNodes.length > 1) throw new Error(`mixed content in ${e.localName}`);
  }
  return out;
}

function check(e: Element, given: Rule, path: string, errors: string[]): void {
  // SubLivello is recursive (LivelloType): expand its placeholder when met.
  const rule = given.name === 'SubLivello' && given.seq?.length === 0 ? livelloType('SubLivello', 0) : given;
  const here = `${path}/${rule.name}`;
  if (e.namespaceURI !== NS) errors.push(`${here}: namespace ${e.namespaceURI}`);
  const allowed = new Set((rule.attrs ?? []).map((a) => a.name));
  for (let i = 0; i < e.attributes.length; i++) {
    const a = e.attributes.item(i)!;
    if (a.name.startsWith('xmlns')) continue;
    if (a.namespaceURI !== NS) errors.push(`${here}/@${a.name}: attribute not qualified`);
    else if (!allowed.has(a.localName!)) errors.push(`${here}/@${a.localName}: not in the schema`);
  }
  for (const a of rule.attrs ?? []) {
    const v = e.getAttributeNS(NS, a.name);
    if (a.required && !e.hasAttributeNS(NS, a.name)) errors.push(`${here}/@${a.name}: required`);
    if (v && a.fixed && v !== a.fixed) errors.push(`${here}/@${a.name}: must be ${a.fixed}`);
    if (v && a.pattern && !a.pattern.test(v)) errors.push(`${here}/@${a.name}: ${v}`);
  }
  const kids = childElements(e);
  if (rule.text) {
    if (kids.length) errors.push(`${here}: expected text`);
    else if (!rule.text.test(e.textContent ?? '')) errors.push(`${here}: text ${JSON.stringify(e.textContent)}`);
    return;
  }
  let i = 0;
  for (const item of rule.seq ?? []) {
    const min = item.min ?? 1;
    const max = item.max ?? 1;
    let n = 0;
    while (n < max && i < kids.length) {
      const k = kids[i]!;
      const match = 'choice' in item ? item.choice.find((c) => c.name === k.localName) : item.name === k.localName ? item : undefined;
      if (!match) break;
      check(k, match, here, errors);
      i++;
      n++;
    }
    if (n < min) errors.push(`${here}: missing ${'choice' in item ? item.choice.map((c) => c.name).join('|') : item.name}`);
  }
  for (; i < kids.length; i++) errors.push(`${here}: unexpected ${kids[i]!.localName}`);
}

function validate(xml: string): string[] {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const root = doc.documentElement!;
  const errors: string[] = [];
  if (root.localName !== 'SegnaturaInformatica') return [`root ${root.localName}`];
  check(root, schema, '', errors);
  return errors;
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const correspondents: Correspondent[] = [
  { kind: 'person', firstName: 'Mario', lastName: 'Rossi', taxCode: 'RSSMRA80A01H501U', pec: 'mario.rossi@pec.it' },
  { kind: 'company', name: 'Alfa S.r.l.', vatNumber: '00743110157', email: 'info@alfa.it' },
  { kind: 'administration', name: 'Tribunale di Roma', ipaCode: 'm_dg', aooCode: 'A123456' },
  { kind: 'other', name: 'Ufficio & Co <estero>' },
];
const input: SegnaturaInput = {
  administration: { code: 'oav_rm', name: 'Ordine degli Avvocati di Roma' },
  aoo: { code: 'A1B2C3D', name: 'AOO Ordine' },
  registerCode: 'GEN',
  number: 42,
  registeredAt: new Date('2026-03-02T09:15:00Z'),
  direction: 'outgoing',
  subject: 'Convocazione del consiglio',
  classification: [{ code: 'I', title: 'Amministrazione', active: true }, { code: 'I.1', title: 'Organi istituzionali', active: true }],
  file: { code: '2026-I.1-3', name: 'Sedute del consiglio 2026' },
  confidential: true,
  correspondents,
  documents: [
    { filename: 'convocazione.pdf', mediaType: 'application/pdf', sha256: sha('primary'), description: 'Lettera' },
    { filename: 'ordine-del-giorno.pdf', mediaType: 'application/pdf', sha256: sha('attachment') },
  ],
};

describe('segnatura XML (Allegato 6)', () => {
  it('follows the schema for an outgoing entry to several recipients, but for the seal', () => {
    const xml = buildSegnatura(input);
    expect(validate(xml)).toEqual(['/SegnaturaInformatica: missing Signature']);
  });

  it('puts the correspondent as Mittente of an incoming entry and the body as Destinatario', () => {
    const xml = buildSegnatura({ ...input, direction: 'incoming', correspondents: [correspondents[0]!], file: undefined, confidential: false });
    expect(validate(xml)).toEqual(['/SegnaturaInformatica: missing Signature']);
    const doc = new DOMParser().parseFromString(xml, 'text/xml');
    const mittente = doc.getElementsByTagNameNS(NS, 'Mittente')[0]!;
    expect(mittente.getElementsByTagNameNS(NS, 'Cognome')[0]!.textContent).toBe('Rossi');
    const dest = doc.getElementsByTagNameNS(NS, 'Destinatario');
    expect(dest.length).toBe(1);
    expect(dest[0]!.getElementsByTagNameNS(NS, 'CodiceIPAAmministrazione')[0]!.textContent).toBe('oav_rm');
  });

  it('writes the identifier, the date and time in Rome and the digests in base64', () => {
    const doc = new DOMParser().parseFromString(buildSegnatura(input), 'text/xml');
    const text = (n: string, i = 0) => doc.getElementsByTagNameNS(NS, n)[i]!.textContent;
    expect([text('CodiceRegistro'), text('NumeroRegistrazione'), text('DataRegistrazione'), text('OraRegistrazione')]).toEqual(['GEN', '0000042', '2026-03-02', '10:15:00+01:00']);
    expect(text('Impronta', 0)).toBe(createHash('sha256').update('primary').digest('base64'));
    expect(text('Impronta', 1)).toBe(createHash('sha256').update('attachment').digest('base64'));
    expect(doc.getElementsByTagNameNS(NS, 'Destinatario').length).toBe(4);
    expect(text('Denominazione', 3)).toBe('Ufficio & Co <estero>');
  });

  it('is caught by the checker when the structure is wrong', () => {
    const broken = buildSegnatura(input).replace(/<prot:Oggetto>.*<\/prot:Oggetto>\n/, '').replace('prot:versione="3.0.0"', 'prot:versione="2.0"');
    expect(validate(broken)).toEqual(expect.arrayContaining([
      '/SegnaturaInformatica/@versione: must be 3.0.0',
      '/SegnaturaInformatica/Intestazione: missing Oggetto',
    ]));
  });

  it('needs a primary document', () => {
    expect(() => buildSegnatura({ ...input, documents: [] })).toThrow(expect.objectContaining({ code: 'SEGNATURA_NEEDS_DOCUMENT' }));
  });

  it.each(['00', 'ff00', 'abcdef', 'ab'.repeat(32)])('encodes hex %p as base64 like Node does', (hex) => {
    expect(hexToBase64(hex)).toBe(Buffer.from(hex, 'hex').toString('base64'));
  });
});
