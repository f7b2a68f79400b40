import { ref } from 'vue';
import type { DocumentView } from '@/services/api-types';
import { downloadDocument, listDocuments, uploadDocument, type UploadCategory } from '@/services/case-documents-api';
import { useSessionStore } from '@/stores/session';

/** Saves a file the browser holds in memory under its name (a link with `download`). */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The documents of one case: list, upload, download (with the session's token). */
export function useCaseDocuments(caseId: () => string) {
  const session = useSessionStore();
  const documents = ref<DocumentView[]>([]);
  const loaded = ref(false);
  const loading = ref(false);
  const loadError = ref<unknown>(null);
  let seq = 0;

  async function load(): Promise<void> {
    const bodyId = session.activeBodyId;
    if (!bodyId) return;
    const mine = ++seq;
    loading.value = true;
    try {
      const items = await listDocuments(bodyId, caseId());
      if (mine !== seq) return;
      documents.value = items;
      loadError.value = null;
    } catch (e) {
      if (mine === seq) loadError.value = e;
    } finally {
      if (mine === seq) {
        loading.value = false;
        loaded.value = true;
      }
    }
  }

  async function upload(file: File, category: UploadCategory): Promise<DocumentView> {
    const bodyId = session.activeBodyId;
    if (!bodyId) throw new Error('no active body');
    const saved = await uploadDocument(bodyId, caseId(), file, category);
    await load();
    return saved;
  }

  async function download(doc: DocumentView): Promise<void> {
    const bodyId = session.activeBodyId;
    if (!bodyId) return;
    const { blob, filename } = await downloadDocument(bodyId, caseId(), doc.id);
    saveFile(blob, filename ?? doc.filename);
  }

  return { documents, loaded, loading, loadError, load, upload, download };
}
