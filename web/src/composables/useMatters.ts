import { computed, ref, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import type { Locale, Matter } from '@/services/api-types';
import { listMatters } from '@/services/cases-api';
import { useSessionStore } from '@/stores/session';

const cache = new Map<string, Promise<Matter[]>>();

/** The matters (materie) of the active body, loaded once per body. */
export function useMatters() {
  const session = useSessionStore();
  const { locale } = useI18n();
  const matters = ref<Matter[]>([]);
  const error = ref<unknown>(null);

  async function load(bodyId: string | null): Promise<void> {
    matters.value = [];
    error.value = null;
    if (!bodyId) return;
    let pending = cache.get(bodyId);
    if (!pending) {
      pending = listMatters(bodyId);
      cache.set(bodyId, pending);
      pending.catch(() => cache.delete(bodyId));
    }
    try {
      matters.value = await pending;
    } catch (e) {
      error.value = e;
    }
  }

  watch(() => session.activeBodyId, (bodyId) => void load(bodyId), { immediate: true });

  const labels = computed(() => new Map(matters.value.map((m) => [m.code, m.label[locale.value as Locale] ?? m.label.it])));

  return {
    matters,
    error,
    matterLabel: (code: string | null) => (code ? (labels.value.get(code) ?? code) : ''),
    localizedLabel: (matter: Matter) => matter.label[locale.value as Locale] ?? matter.label.it,
  };
}
