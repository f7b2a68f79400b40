import { useI18n } from 'vue-i18n';
import { useFormat } from '@/composables/useFormat';
import type { DocumentView } from '@/services/api-types';

/** "verbale.pdf – Firmato digitalmente, 20/11/2026": tells apart documents of a case file with the same name. */
export function useDocumentLabel() {
  const { t, te } = useI18n();
  const format = useFormat();
  return (d: DocumentView): string => {
    const key = te(`signatures.documentCategory.${d.category}`) ? `signatures.documentCategory.${d.category}` : `lifecycle.documents.categories.${d.category}`;
    const category = te(key) ? t(key) : d.category;
    return t('signatures.documentLabel', { name: d.filename, category, date: format.date(d.createdAt) });
  };
}
