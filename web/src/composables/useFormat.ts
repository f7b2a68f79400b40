import { TZDate } from '@date-fns/tz';
import { useI18n } from 'vue-i18n';

/** Dates are shown in the legal time zone of the procedures, whatever the browser's zone. */
export const DISPLAY_TIME_ZONE = 'Europe/Rome';

const INTL_LOCALES: Record<string, string> = { it: 'it-IT', en: 'en-GB' };

const precisions = {
  day: {},
  minute: { hour: '2-digit', minute: '2-digit' },
  second: { hour: '2-digit', minute: '2-digit', second: '2-digit' },
} as const;

/** An instant in the legal time zone of the procedures, to the day, minute or second. */
function formatInstant(iso: string | null | undefined, locale: string, precision: keyof typeof precisions): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(INTL_LOCALES[locale] ?? 'it-IT', {
    timeZone: DISPLAY_TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    ...precisions[precision],
  }).format(date);
}

export function formatDate(iso: string | null | undefined, locale: string): string {
  return formatInstant(iso, locale, 'day');
}

/** Date and time to the minute (a deadline, an appointment), in the legal time zone. */
export function formatDateTimeShort(iso: string | null | undefined, locale: string): string {
  return formatInstant(iso, locale, 'minute');
}

/** Date and time to the second (a message's history), in the legal time zone. */
export function formatDateTime(iso: string | null | undefined, locale: string): string {
  return formatInstant(iso, locale, 'second');
}

/**
 * The value of an `<input type="datetime-local">` ("2026-05-12T18:30"), read as a time in Rome
 * (whatever the browser's zone), as an ISO instant with Rome's offset ("2026-05-12T18:30:00.000+02:00").
 * Null when the text is not such a value.
 */
export function romeLocalToIso(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const date = new TZDate(year, month - 1, day, hour, minute, DISPLAY_TIME_ZONE);
  return Number.isNaN(date.getTime()) || date.getDate() !== day ? null : date.toISOString();
}

/** An instant as the value of an `<input type="datetime-local">`, in Rome time, to the minute. */
export function isoToRomeLocal(iso: string | Date): string {
  const date = new TZDate(new Date(iso).getTime(), DISPLAY_TIME_ZONE);
  if (Number.isNaN(date.getTime())) return '';
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}`;
}

export function formatEuro(cents: number | null | undefined, locale: string): string {
  if (cents === null || cents === undefined) return '';
  return new Intl.NumberFormat(INTL_LOCALES[locale] ?? 'it-IT', { style: 'currency', currency: 'EUR' }).format(
    cents / 100,
  );
}

/**
 * Reads an amount typed by a person into integer cents, without floating point.
 * With a comma, dots are thousands separators ("15.000,50"); without one, a single dot followed by
 * one or two digits is the decimal mark ("15000.5"), any other dot a thousands separator ("15.000").
 * Returns null when the text is not an amount.
 */
export function parseEuroToCents(input: string): number | null {
  const text = input.replace(/[\s\u00a0€]/g, '');
  if (!text) return null;
  let integer: string;
  let fraction = '';
  if (text.includes(',')) {
    const parts = text.split(',');
    if (parts.length !== 2) return null;
    integer = (parts[0] ?? '').replace(/\./g, '');
    fraction = parts[1] ?? '';
  } else {
    const decimal = /^(.*)\.(\d{1,2})$/.exec(text);
    if (decimal && !(decimal[1] ?? '').includes('.')) {
      integer = decimal[1] ?? '';
      fraction = decimal[2] ?? '';
    } else {
      integer = text.replace(/\./g, '');
    }
  }
  if (!/^\d+$/.test(integer) || !/^\d{0,2}$/.test(fraction)) return null;
  const cents = Number(integer) * 100 + Number(fraction.padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : null;
}

/** Formatting bound to the current UI language. */
export function useFormat() {
  const { locale } = useI18n();
  return {
    date: (iso: string | null | undefined) => formatDate(iso, locale.value),
    dateTime: (iso: string | null | undefined) => formatDateTimeShort(iso, locale.value),
    euro: (cents: number | null | undefined) => formatEuro(cents, locale.value),
  };
}
