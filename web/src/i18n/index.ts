import { createI18n } from 'vue-i18n';
import type { Locale } from '@/services/api-types';
import en from './en';
import it, { type MessageSchema } from './it';

const LOCALE_KEY = 'mediazione.locale';

function readSavedLocale(): Locale {
  try {
    return localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'it';
  } catch {
    return 'it';
  }
}

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: readSavedLocale(),
  fallbackLocale: 'it',
  messages: { it, en },
});

export function getLocale(): Locale {
  return i18n.global.locale.value;
}

/** Changes the UI language and the document language (read by screen readers). */
export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(LOCALE_KEY, locale);
  } catch {
    // Storage may be disabled: the choice then lasts for this page only.
  }
}
