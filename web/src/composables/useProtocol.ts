import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import {
  listClassifications,
  listRegisters,
  saveFile,
  type ClassificationView,
  type Correspondent,
  type ProtocolRegisterView,
} from '@/services/protocol-api';
import { useSessionStore } from '@/stores/session';

/** The body's registers and titolario, loaded once per page, and the protocol's labels. */
export function useProtocol() {
  const { t } = useI18n();
  const session = useSessionStore();
  const registers = ref<ProtocolRegisterView[]>([]);
  const classifications = ref<ClassificationView[]>([]);
  const referenceError = ref<unknown>(null);

  async function loadReference(): Promise<void> {
    const bodyId = session.activeBodyId;
    if (!bodyId) return;
    try {
      const [r, c] = await Promise.all([listRegisters(bodyId), listClassifications(bodyId)]);
      registers.value = r.items;
      classifications.value = c.items;
    } catch (e) {
      referenceError.value = e;
    }
  }

  const classificationLabel = (c: ClassificationView) => `${c.code} – ${c.title}`;
  const correspondentName = (c: Correspondent) => (c.kind === 'person' ? `${c.firstName} ${c.lastName}` : c.name);
  const directionLabel = (d: string) => t(`protocol.directions.${d}`);
  const channelLabel = (c: string) => t(`protocol.channels.${c}`);

  /** Runs a download and saves the file; returns the error, if any. */
  async function download(fetchFile: () => Promise<{ blob: Blob; filename: string | null }>): Promise<unknown> {
    try {
      saveFile(await fetchFile());
      return null;
    } catch (e) {
      return e;
    }
  }

  return { registers, classifications, referenceError, loadReference, classificationLabel, correspondentName, directionLabel, channelLabel, download };
}
