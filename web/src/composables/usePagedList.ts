import { computed, ref, watch, type Ref } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { useSessionStore } from '@/stores/session';

export interface Page<T> {
  items: T[];
  total: number;
}

/**
 * A list page whose filters and page number live in the URL (reloading or going back keeps them):
 * loads one page for the active body, ignores answers that arrive after a newer request, and
 * keeps the loading/loaded/error state the views show.
 */
export function usePagedList<T>(
  pageSize: number,
  fetchPage: (bodyId: string, window: { limit: number; offset: number }, queryText: (key: string) => string) => Promise<Page<T>>,
) {
  const route = useRoute();
  const router = useRouter();
  const session = useSessionStore();

  const items = ref([]) as Ref<T[]>;
  const total = ref(0);
  const loading = ref(false);
  const loaded = ref(false);
  const error = ref<unknown>(null);

  const queryText = (key: string): string => (typeof route.query[key] === 'string' ? (route.query[key] as string) : '');
  const page = computed(() => Math.max(1, Number.parseInt(queryText('page') || '1', 10) || 1));
  const pages = computed(() => Math.max(1, Math.ceil(total.value / pageSize)));

  let requestSeq = 0;
  async function load(): Promise<void> {
    const bodyId = session.activeBodyId;
    if (!bodyId) return;
    const seq = ++requestSeq;
    loading.value = true;
    error.value = null;
    try {
      const result = await fetchPage(bodyId, { limit: pageSize, offset: (page.value - 1) * pageSize }, queryText);
      if (seq !== requestSeq) return;
      items.value = result.items;
      total.value = result.total;
    } catch (e) {
      if (seq !== requestSeq) return;
      error.value = e;
      items.value = [];
      total.value = 0;
    } finally {
      if (seq === requestSeq) {
        loading.value = false;
        loaded.value = true;
      }
    }
  }

  function goToPage(target: number): void {
    void router.push({ name: route.name ?? undefined, query: { ...route.query, page: String(target) } });
  }

  return { items, total, loading, loaded, error, page, pages, queryText, load, goToPage };
}

/**
 * A paged list with a filter form whose named filters live in the URL: the form starts from the
 * URL, a change of the URL (back, reload, a link) reloads the list, `applyFilters` writes the form
 * into the URL (as text: number inputs give numbers through v-model) and `resetFilters` clears it.
 */
export function useFilteredList<T, K extends string>(
  keys: readonly K[],
  pageSize: number,
  fetchPage: (bodyId: string, window: { limit: number; offset: number }, filters: Partial<Record<K, string>>) => Promise<Page<T>>,
) {
  const route = useRoute();
  const router = useRouter();
  const list = usePagedList<T>(pageSize, (bodyId, window, query) =>
    fetchPage(bodyId, window, Object.fromEntries(keys.map((k) => [k, query(k) || undefined])) as Partial<Record<K, string>>),
  );
  const filters = ref(Object.fromEntries(keys.map((k) => [k, list.queryText(k)])) as Record<K, string>) as Ref<Record<K, string>>;

  watch(
    () => [...keys.map((k) => route.query[k]), route.query.page],
    () => {
      for (const k of keys) filters.value[k] = list.queryText(k);
      void list.load();
    },
    { immediate: true },
  );

  function applyFilters(): void {
    const query: Record<string, string> = {};
    for (const k of keys) {
      const value = String(filters.value[k] ?? '').trim();
      if (value) query[k] = value;
    }
    void router.push({ name: route.name ?? undefined, query });
  }

  function resetFilters(): void {
    for (const k of keys) filters.value[k] = '';
    void router.push({ name: route.name ?? undefined });
  }

  return { ...list, filters, applyFilters, resetFilters };
}
