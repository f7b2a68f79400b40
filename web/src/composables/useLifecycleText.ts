import { useI18n } from 'vue-i18n';
import type { MeetingMode, OutcomeCode, RoomView } from '@/services/api-types';
import { useErrorText } from './useErrorText';

/** Texts of the procedure from the convocation to the closing (the `lifecycle` block of the messages). */
export function useLifecycleText() {
  const { t, te } = useI18n();
  const { fieldErrorText } = useErrorText();

  /** A field error code: the texts of this area first, then the common ones. */
  const fieldError = (code: string | null | undefined): string | null => {
    if (!code) return null;
    const key = `lifecycle.fieldErrors.${code}`;
    return te(key) ? t(key) : fieldErrorText(code);
  };
  const label = (group: string, code: string | null | undefined): string => {
    if (!code) return '';
    const key = `lifecycle.${group}.${code}`;
    return te(key) ? t(key) : code;
  };
  const roomLabel = (room: RoomView): string =>
    t('lifecycle.roomOption', { room: room.name, branch: [room.branch.name, room.branch.city].filter(Boolean).join(', '), capacity: room.capacity });

  return {
    fieldError,
    modeLabel: (mode: MeetingMode | null | undefined) => label('modes', mode),
    outcomeLabel: (code: OutcomeCode | null | undefined) => label('outcomes', code),
    adhesionLabel: (status: string | null | undefined) => label('adhesion', status),
    meetingStatusLabel: (status: string | null | undefined) => label('meetingStatus', status),
    deadlineLabel: (kind: string | null | undefined) => label('deadlines', kind),
    roomLabel,
  };
}
