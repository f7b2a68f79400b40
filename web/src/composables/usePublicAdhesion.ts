import { lawyerSchema } from '@domain/registry/contact';
import { ref } from 'vue';
import { ApiError } from '@/services/http';
import {
  answerAdhesion,
  getLinkInfo,
  uploadAdhesionDocument,
  verifyAdhesion,
  type AdhesionCaseSummary,
  type AdhesionCredentials,
  type AdhesionLawyer,
  type AdhesionLinkInfo,
  type AdhesionUpload,
} from '@/services/public-adhesion-api';

/** Where the party is on the page: the link is read, then the credentials, then the answer. */
export type AdhesionStep = 'checking' | 'linkError' | 'answered' | 'credentials' | 'answer' | 'done';

/** The lawyer's fields checked as the API checks them (domain/registry/contact.ts): path → code. */
export function checkLawyer(lawyer: AdhesionLawyer): Record<string, string> {
  const result = lawyerSchema.safeParse(lawyer);
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.join('.');
    errors[path] ??= /^[A-Z][A-Z0-9_]+$/.test(issue.message) ? issue.message : 'INVALID_VALUE';
  }
  return errors;
}

/**
 * The invited party's answer to the convocation through the link of the e-mail: the link's token
 * (query `t`), then the case number and the personal code, then adhere (with the lawyer and
 * attachments) or refuse. No account: every call carries the token, the number and the code.
 */
export function usePublicAdhesion(token: string) {
  const step = ref<AdhesionStep>('checking');
  const link = ref<AdhesionLinkInfo | null>(null);
  const summary = ref<AdhesionCaseSummary | null>(null);
  const credentials = ref<AdhesionCredentials | null>(null);
  const error = ref<unknown>(null);
  const busy = ref(false);
  const adhered = ref<boolean | null>(null);

  async function start(): Promise<void> {
    if (!token) {
      error.value = new ApiError(404, 'LINK_INVALID', null, [], 'LINK_INVALID');
      step.value = 'linkError';
      return;
    }
    try {
      link.value = await getLinkInfo(token);
      step.value = link.value.answered ? 'answered' : 'credentials';
    } catch (e) {
      error.value = e;
      step.value = 'linkError';
    }
  }

  /** A refusal that ends the page's use (the link is no good, or already answered). */
  function isFinal(e: unknown): boolean {
    return e instanceof ApiError && ['LINK_INVALID', 'LINK_EXPIRED', 'LINK_ALREADY_USED'].includes(e.code);
  }

  async function verify(caseNumber: string, code: string): Promise<boolean> {
    busy.value = true;
    error.value = null;
    const given = { token, caseNumber: caseNumber.trim(), code: code.trim().toUpperCase() };
    try {
      summary.value = await verifyAdhesion(given);
      credentials.value = given;
      step.value = 'answer';
      return true;
    } catch (e) {
      error.value = e;
      if (isFinal(e)) step.value = e instanceof ApiError && e.code === 'LINK_ALREADY_USED' ? 'answered' : 'linkError';
      return false;
    } finally {
      busy.value = false;
    }
  }

  async function upload(file: File): Promise<AdhesionUpload> {
    if (!credentials.value) throw new Error('not verified');
    return uploadAdhesionDocument(credentials.value, file);
  }

  async function answer(input: { adhere: boolean; lawyer: AdhesionLawyer | null; refusalReason: string; documentIds: string[] }): Promise<boolean> {
    if (!credentials.value) return false;
    busy.value = true;
    error.value = null;
    try {
      await answerAdhesion({
        ...credentials.value,
        adhere: input.adhere,
        lawyer: input.adhere ? input.lawyer : null,
        refusalReason: input.adhere ? null : input.refusalReason.trim() || null,
        documentIds: input.adhere ? input.documentIds : [],
      });
      adhered.value = input.adhere;
      step.value = 'done';
      return true;
    } catch (e) {
      error.value = e;
      if (isFinal(e)) step.value = e instanceof ApiError && e.code === 'LINK_ALREADY_USED' ? 'answered' : 'linkError';
      return false;
    } finally {
      busy.value = false;
    }
  }

  return { step, link, summary, error, busy, adhered, start, verify, upload, answer };
}
