/**
 * Reads a PEC receipt (ricevuta/avviso): an e-mail with `X-Ricevuta` and `X-Riferimento-Message-ID`
 * headers and a `daticert.xml` attachment with the certification data (DM 2/11/2005, Allegato;
 * structure as in docs/ARCHITECTURE.md). The daticert data win over the headers; malformed files
 * (an unescaped msgid) are read defensively.
 */
import { XMLParser } from 'fast-xml-parser';
import { simpleParser, type ParsedMail } from 'mailparser';
import { normalizePecReceiptKind, type PecReceiptKind } from '../../../domain/notify/pec';

export interface PecReceipt {
  kind: PecReceiptKind;
  /** Message-ID of the message the receipt is about. */
  referencedMessageId: string;
  /** The provider's unique identifier of the event (daticert `identificativo`). */
  providerId: string;
  /** The recipient the receipt is about (avvenuta-consegna / errore-consegna), '' otherwise. */
  recipient: string;
  /** The legal timestamp (provider time). */
  eventAt: string | null;
  error: string | null;
  errorDetail: string | null;
  subject: string;
}

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', textNodeName: '#text', processEntities: true, trimValues: true });

const text = (v: unknown): string => {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return text((v as Record<string, unknown>)['#text']);
  return String(v).trim();
};

/** `dd/MM/yyyy` + `HH:mm:ss` + zone `+0100` → ISO instant. */
export function daticertInstant(giorno: string, ora: string, zona: string): string | null {
  const d = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(giorno);
  const t = /^(\d{2}):(\d{2}):(\d{2})$/.exec(ora);
  const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zona || '+0100');
  if (!d || !t || !z) return null;
  const iso = `${d[3]}-${d[2]}-${d[1]}T${t[1]}:${t[2]}:${t[3]}${z[1]}${z[2]}:${z[3]}`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function daticertOf(mail: ParsedMail): Record<string, unknown> | null {
  const att = mail.attachments.find((a) => a.filename?.toLowerCase() === 'daticert.xml') ?? mail.attachments.find((a) => /xml/.test(a.contentType) && /postacert/.test(a.content.toString('utf8', 0, 400)));
  if (!att) return null;
  let source = att.content.toString('utf8');
  // Some providers leave the msgid unescaped (<…> inside the element): escape it before parsing.
  source = source.replace(/<msgid>\s*<([^<>]*)>\s*<\/msgid>/g, '<msgid>&lt;$1&gt;</msgid>');
  const doc = xml.parse(source) as { postacert?: Record<string, unknown> };
  return doc.postacert ?? null;
}

/** Parses a raw receipt; null when the message is not a PEC receipt. */
export async function parsePecReceipt(raw: Buffer): Promise<PecReceipt | null> {
  const mail = await simpleParser(raw);
  const header = (name: string) => {
    const v = mail.headers.get(name);
    return typeof v === 'string' ? v.trim() : v ? text(v) : '';
  };
  const cert = daticertOf(mail);
  const dati = (cert?.dati ?? {}) as Record<string, unknown>;
  const kind = normalizePecReceiptKind(text(cert?.['@tipo']) || header('x-ricevuta'));
  if (!kind) return null;
  const referenced = text(dati.msgid) || header('x-riferimento-message-id');
  if (!referenced) return null;
  const data = (dati.data ?? {}) as Record<string, unknown>;
  const error = text(cert?.['@errore']);
  return {
    kind,
    referencedMessageId: referenced.startsWith('<') ? referenced : `<${referenced}>`,
    providerId: text(dati.identificativo) || mail.messageId || '',
    recipient: text(dati.consegna).toLowerCase(),
    eventAt: daticertInstant(text(data.giorno), text(data.ora), text(data['@zona'])),
    error: error && error !== 'nessuno' ? error : null,
    errorDetail: text(dati['errore-esteso']) || null,
    subject: mail.subject ?? '',
  };
}
