import { useI18n } from 'vue-i18n';
import { formatDateTime } from '@/composables/useFormat';
import type { CommunicationEvent } from '@/services/communications-api';

/** Labels for the codes of outgoing messages (status, channel, template) and their history details. */
export function useCommunicationLabels() {
  const { t, te, locale } = useI18n();
  const labelOf = (group: string, code: string | null | undefined): string => {
    if (!code) return '';
    const key = `communications.${group}.${code}`;
    return te(key) ? t(key) : code;
  };

  /** What a history step adds to its status: the SMTP reply of a refusal or of a retry, never content. */
  function eventDetail(event: CommunicationEvent): string {
    const code = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : null);
    const smtp = code(event.detail.smtp);
    if (smtp) return t('communications.detail.refused', { code: smtp });
    const retry = code(event.detail.retry);
    if (retry) return t('communications.detail.retry', { code: retry });
    return '';
  }

  return {
    statusLabel: (code: string | null | undefined) => labelOf('statuses', code),
    channelLabel: (code: string | null | undefined) => labelOf('channels', code),
    templateLabel: (code: string | null | undefined) => labelOf('templates', code),
    eventDetail,
    dateTime: (iso: string | null | undefined) => formatDateTime(iso, locale.value),
  };
}
