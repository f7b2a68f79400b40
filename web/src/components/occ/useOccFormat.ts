import { useI18n } from 'vue-i18n';

/** Euro amounts from cents and percentages from basis points, in the UI language. */
export function useOccFormat() {
  const { locale } = useI18n();
  const tag = () => (locale.value === 'en' ? 'en-GB' : 'it-IT');
  return {
    euro: (cents: number) => new Intl.NumberFormat(tag(), { style: 'currency', currency: 'EUR' }).format(cents / 100),
    percentBp: (bp: number) => `${new Intl.NumberFormat(tag(), { maximumFractionDigits: 2 }).format(bp / 100)} %`,
    /** Bracket rate in thousandths of a percent. */
    rate: (r: number) => `${new Intl.NumberFormat(tag(), { maximumFractionDigits: 3 }).format(r / 1000)} %`,
  };
}
