import { useI18n } from 'vue-i18n';

/** Italian/English labels for the codes the API sends (stages, mediation types, roles, kinds). */
export function useCaseLabels() {
  const { t, te } = useI18n();
  const labelOf = (group: string, code: string | null | undefined): string => {
    if (!code) return '';
    const key = `${group}.${code}`;
    return te(key) ? t(key) : code;
  };
  return {
    stageLabel: (code: string | null | undefined) => labelOf('stages', code),
    mediationTypeLabel: (code: string | null | undefined) => labelOf('mediationTypes', code),
    roleLabel: (code: string | null | undefined) => labelOf('roles', code),
    subjectKindLabel: (code: string | null | undefined) => labelOf('subjectKinds', code),
  };
}
