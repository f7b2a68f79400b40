import { computed, ref } from 'vue';
import { actionActor } from '@domain/occ/actions';
import { ApiError } from '@/services/http';
import { getOccDeadlines, getOccEvents, getOccFile, type OccAction, type OccCalendarRow, type OccEventView, type OccFileDetail } from '@/services/occ-files-api';
import { useSessionStore } from '@/stores/session';

/**
 * One OCC file as its page shows it: the file with the workflow's state, its deadline calendar and
 * timeline, reloaded together after every action; and which of the allowed actions this user may take.
 */
export function useOccFile(caseId: () => string) {
  const session = useSessionStore();
  const file = ref<OccFileDetail | null>(null);
  const deadlines = ref<OccCalendarRow[]>([]);
  const events = ref<OccEventView[]>([]);
  const error = ref<unknown>(null);
  const sideError = ref<unknown>(null);
  const loading = ref(false);
  let seq = 0;
  /** A file answered 202 (registration still running) may reach the register a moment later. */
  let notFoundRetries = 0;

  async function load(): Promise<void> {
    const bodyId = session.activeBodyId;
    if (!bodyId) return;
    const mine = ++seq;
    let retrying = false;
    loading.value = file.value === null;
    try {
      const id = caseId();
      const [f, d, e] = await Promise.all([getOccFile(bodyId, id), getOccDeadlines(bodyId, id).catch((x: unknown) => x), getOccEvents(bodyId, id).catch((x: unknown) => x)]);
      if (mine !== seq) return;
      file.value = f;
      error.value = null;
      sideError.value = Array.isArray(d) && Array.isArray(e) ? null : !Array.isArray(d) ? d : e;
      if (Array.isArray(d)) deadlines.value = d;
      if (Array.isArray(e)) events.value = e;
    } catch (e) {
      if (mine !== seq) return;
      if (file.value === null && e instanceof ApiError && e.status === 404 && notFoundRetries++ < 10) {
        retrying = true;
        setTimeout(() => void load(), 1000);
        return;
      }
      error.value = e;
    } finally {
      if (mine === seq && !retrying) loading.value = false;
    }
  }

  /** The file's crisis manager is this user. */
  const isManager = computed(() => !!file.value?.state.crisisManagerId && file.value.state.crisisManagerId === session.user?.id);

  function mayTake(action: OccAction): boolean {
    const actor = actionActor[action];
    if (actor === 'secretariat') return session.can('cases.advance');
    if (actor === 'appointee') return session.can('appointments.answer') && isManager.value && !file.value?.state.managerAccepted;
    return session.can('cases.advance') || (session.can('cases.conduct') && isManager.value);
  }

  const actions = computed(() => (file.value ? file.value.state.allowedActions.filter(mayTake) : []));
  const canEditEconomics = computed(() => session.can('cases.advance') || (session.can('cases.conduct') && isManager.value));

  return { file, deadlines, events, error, sideError, loading, load, actions, canEditEconomics };
}
