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
    const twilio = code(event.detail.twilioStatus);
    const failure = code(event.detail.code);
    if (twilio) return [t('communications.detail.twilio', { status: twilio }), failure ? t('communications.detail.code', { code: failure }) : ''].filter(Boolean).join(', ');
    const receivedOn = code(event.detail.receivedOn);
    if (receivedOn) return t('communications.detail.receipt', { date: formatDay(receivedOn) });
    const postedOn = code(event.detail.postedOn);
    if (postedOn) return t('communications.detail.posted', { date: formatDay(postedOn) });
    if (event.detail.resolvedBy === 'acceptance-check') return t('communications.detail.check');
    if (failure) return t('communications.detail.code', { code: failure });
    return '';
  }

  /** A calendar day (YYYY-MM-DD) as the locale writes it. */
  function formatDay(day: string): string {
    const [y, m, d] = day.split('-').map(Number);
    if (!y || !m || !d) return day;
    return new Intl.DateTimeFormat(locale.value, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
  }

  /** The status in words; a postal task not yet posted is "to post", not "recorded". */
  function messageStatusLabel(code: string, channel?: string): string {
    if (code === 'recorded' && (channel === 'registered_mail' || channel === 'priority_mail' || channel === 'fax')) return t('communications.postalRecorded');
    return labelOf('statuses', code);
  }

  return {
    statusLabel: (code: string | null | undefined, channel?: string) => (code ? messageStatusLabel(code, channel) : ''),
    formatDay,
    channelLabel: (code: string | null | undefined) => labelOf('channels', code),
    templateLabel: (code: string | null | undefined) => labelOf('templates', code),
    eventDetail,
    dateTime: (iso: string | null | undefined) => formatDateTime(iso, locale.value),
  };
}
