import { useI18n } from 'vue-i18n';
import type { Locale } from '@/services/api-types';
import { ApiError } from '@/services/http';

/** Turns any failure into a sentence in the UI language: the API's own message first. */
export function useErrorText() {
  const { t, te, locale } = useI18n();

  function errorText(error: unknown): string {
    if (error instanceof ApiError) {
      const fromApi = error.messages?.[locale.value as Locale] ?? error.messages?.it;
      if (fromApi) return fromApi;
      const key = `errors.${error.code}`;
      if (te(key)) return t(key);
      if (error.status >= 500 && te(`errors.HTTP_500`)) return t('errors.HTTP_500');
    }
    return t('errors.generic');
  }

  function fieldErrorText(code: string): string {
    const key = `fieldErrors.${code}`;
    return te(key) ? t(key) : t('fieldErrors.generic', { code });
  }

  return { errorText, fieldErrorText };
}
