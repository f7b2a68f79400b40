import { onBeforeUnmount, ref } from 'vue';
import { getCycle, type CycleDetail } from '@/services/signature-cycles-api';
import { useSessionStore } from '@/stores/session';

/** How often the monitoring page asks the cycle's live state while it runs. */
export const CYCLE_POLL_MS = 3000;

/** The live state of one cycle, read again every few seconds until it ends (or the page closes). */
export function useCyclePolling(cycleId: () => string) {
  const session = useSessionStore();
  const cycle = ref<CycleDetail | null>(null);
  const error = ref<unknown>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  async function refresh(): Promise<void> {
    clearTimeout(timer);
    const bodyId = session.activeBodyId;
    if (!bodyId || stopped) return;
    try {
      cycle.value = await getCycle(bodyId, cycleId());
      error.value = null;
    } catch (e) {
      error.value = e;
    }
    const running = !cycle.value || cycle.value.state.status === 'running';
    if (running && !stopped) timer = setTimeout(() => void refresh(), CYCLE_POLL_MS);
  }

  onBeforeUnmount(() => {
    stopped = true;
    clearTimeout(timer);
  });

  return { cycle, error, refresh };
}
