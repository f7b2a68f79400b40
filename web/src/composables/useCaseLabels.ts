import { useI18n } from 'vue-i18n';
import type { SubjectView } from '@/services/api-types';

/** How a person ("Mario Rossi") or a company ("Alfa S.r.l.") of the registry is named. */
export function subjectName(subject: SubjectView): string {
  return subject.kind === 'company'
    ? (subject.companyName ?? '')
    : [subject.firstName, subject.lastName].filter(Boolean).join(' ');
}

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
