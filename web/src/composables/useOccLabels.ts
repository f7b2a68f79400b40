import { useI18n } from 'vue-i18n';

/** Italian/English labels of the OCC codes (procedures, stages, court events, timeline kinds, terms). */
export function useOccLabels() {
  const { t, te } = useI18n();
  const label = (group: string, code: string | null | undefined): string => {
    if (!code) return '';
    const key = `occ.${group}.${code}`;
    return te(key) ? t(key) : code;
  };
  const procedureLabel = (code: string | null | undefined) => label('procedures', code);
  const stageLabel = (code: string | null | undefined) => label('stages', code);
  const categoryLabel = (code: string | null | undefined) => label('categories', code);
  const courtEventLabel = (code: string | null | undefined) => label('courtEvents', code);
  const actionLabel = (code: string) => label('actions', code);
  /** A timeline entry: its own label, else the stage or court event it names. */
  const eventLabel = (kind: string): string => {
    for (const group of ['eventKinds', 'courtEvents', 'stages']) if (te(`occ.${group}.${kind}`)) return t(`occ.${group}.${kind}`);
    return kind;
  };
  /** Field error codes of the OCC API, with the shared field texts as fallback. */
  const occFieldError = (code: string, fallback: (code: string) => string): string => (te(`occ.accessIssues.${code}`) ? t(`occ.accessIssues.${code}`) : fallback(code));
  return { procedureLabel, stageLabel, categoryLabel, courtEventLabel, actionLabel, eventLabel, occFieldError };
}
