/** An instant as the UI shows it: it-IT, Europe/Rome whatever the machine's zone, to the minute or second. */
export function romeDateTime(iso: string, precision: 'minute' | 'second' = 'minute'): string {
  return new Intl.DateTimeFormat('it-IT', {
    timeZone: 'Europe/Rome',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    ...(precision === 'second' ? { second: '2-digit' } : {}),
  }).format(new Date(iso));
}
