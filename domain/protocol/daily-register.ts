/**
 * The daily protocol register (registro giornaliero, art. 53 co. 2; Linee guida: sent to
 * preservation by the next working day): every registration of one Rome calendar day in one
 * register, followed by the annulments and annotations made that day to earlier entries. An empty
 * day still has its (empty) register.
 */
import { TZDate, tz } from '@date-fns/tz';
import { addDays, format } from 'date-fns';
import { DomainError } from '../errors';
import { formatProtocolId, PROTOCOL_ZONE } from './numbering';
import { el, serializeXml } from './xml';

export const DAILY_REGISTER_NAMESPACE = 'urn:mediazione-aperta:protocollo:registro-giornaliero:1';
/** The automatic closure runs in the afternoon of the next day (brochure), Rome time. */
export const AUTO_CLOSE_HOUR = 14;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** [start, end) of a Rome calendar day as instants (23 or 25 hours on DST change days). */
export function dayBounds(day: string, zone: string = PROTOCOL_ZONE): { start: Date; end: Date } {
  const m = DAY.exec(day);
  if (!m) throw new RangeError(`day must be YYYY-MM-DD, got ${day}`);
  const start = new TZDate(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 0, 0, 0, 0, zone);
  if (format(start, 'yyyy-MM-dd', { in: tz(zone) }) !== day) throw new RangeError(`no such day: ${day}`);
  const end = addDays(start, 1);
  return { start: new Date(start.getTime()), end: new Date(end.getTime()) };
}

/** The Rome calendar day before the one `now` falls in: the day the automatic closure closes. */
export function previousDay(now: Date, zone: string = PROTOCOL_ZONE): string {
  const today = format(now, 'yyyy-MM-dd', { in: tz(zone) });
  const { start } = dayBounds(today, zone);
  return format(addDays(new TZDate(start.getTime(), zone), -1), 'yyyy-MM-dd', { in: tz(zone) });
}

/** A day can be closed only once it is over in Rome. */
export function assertDayClosable(day: string, now: Date, zone: string = PROTOCOL_ZONE): void {
  if (dayBounds(day, zone).end.getTime() > now.getTime()) throw new DomainError('DAY_NOT_OVER');
}

export interface DailyRegisterEntry {
  year: number;
  number: number;
  registeredAt: string;
  direction: string;
  subject: string;
  classificationCode: string;
  correspondents: string[];
  fileCode: string | null;
  documents: { filename: string; sha256: string }[];
  annulled: boolean;
}

export interface DailyRegisterChange {
  kind: 'annulment' | 'annotation';
  year: number;
  number: number;
  at: string;
  text: string;
}

export interface DailyRegisterInput {
  administration: { code: string; name: string };
  aooCode: string;
  registerCode: string;
  registerName: string;
  day: string;
  generatedAt: Date;
  entries: readonly DailyRegisterEntry[];
  changes: readonly DailyRegisterChange[];
}

/** The XML of the day's register: the machine-readable twin of the PDF, preserved with it. */
export function buildDailyRegisterXml(r: DailyRegisterInput): string {
  dayBounds(r.day);
  const id = (e: { year: number; number: number }) => formatProtocolId(r.registerCode, e.year, e.number);
  return serializeXml(
    el('RegistroGiornaliero', { xmlns: DAILY_REGISTER_NAMESPACE, giorno: r.day, registro: r.registerCode, generato: r.generatedAt.toISOString() }, [
      el('Amministrazione', { codiceIPA: r.administration.code, codiceAOO: r.aooCode }, r.administration.name),
      el('DenominazioneRegistro', r.registerName),
      el('Registrazioni', { numero: r.entries.length }, r.entries.map((e) =>
        el('Registrazione', { segnatura: id(e), annullata: e.annulled ? 'true' : undefined }, [
          el('Numero', String(e.number)),
          el('Anno', String(e.year)),
          el('DataOra', e.registeredAt),
          el('Verso', e.direction),
          el('Oggetto', e.subject),
          el('Classifica', e.classificationCode),
          el('Corrispondenti', e.correspondents.map((c) => el('Corrispondente', c))),
          e.fileCode ? el('Fascicolo', e.fileCode) : undefined,
          el('Documenti', e.documents.map((d) => el('Documento', { nomeFile: d.filename, impronta: d.sha256, algoritmo: 'SHA-256' }))),
        ]),
      )),
      el('Modifiche', { numero: r.changes.length }, r.changes.map((c) =>
        el(c.kind === 'annulment' ? 'Annullamento' : 'Annotazione', { segnatura: id(c), data: c.at }, c.text),
      )),
    ]),
  );
}
