import { reactive, ref } from 'vue';
import { parseEuroToCents } from '@/composables/useFormat';
import { newIdempotencyKey } from '@/services/idempotency';
import { ApiError } from '@/services/http';
import { createOccFile, type DebtorCategory, type NewOccFile, type OccProcedure } from '@/services/occ-files-api';
import { useSessionStore } from '@/stores/session';

/** The "Nuova pratica" form of an OCC file: its fields, the request it sends, and the API's errors per field. */
export function useOccFileForm() {
  const session = useSessionStore();
  const form = reactive({
    debtorKind: 'person' as string,
    firstName: '',
    lastName: '',
    taxCode: '',
    companyName: '',
    vatNumber: '',
    email: '',
    pec: '',
    phone: '',
    debtorCategory: 'consumatore' as string,
    householdSize: '1',
    annualNetIncome: '',
    disposableIncome: '',
    previousDischarge: '',
    previousDischargeIncapiente: false,
    procedure: 'RISTRUTTURAZIONE_CONSUMATORE' as string,
    subject: '',
  });
  const submitting = ref(false);
  const error = ref<unknown>(null);
  /** API field codes by path (several access rules may refuse the same field). */
  const fieldErrors = ref<Record<string, string[]>>({});
  /** The key is kept across retries of the same submission: a repeated click opens one file. */
  let idempotencyKey = newIdempotencyKey();

  const text = (v: string) => (v.trim() === '' ? undefined : v.trim());

  function request(): NewOccFile | null {
    const local: Record<string, string[]> = {};
    const income = parseEuroToCents(form.annualNetIncome);
    if (income === null) local.annualNetIncomeCents = ['INVALID_AMOUNT'];
    const disposable = form.disposableIncome.trim() === '' ? null : parseEuroToCents(form.disposableIncome);
    if (disposable === null && form.disposableIncome.trim() !== '') local.disposableIncomeCents = ['INVALID_AMOUNT'];
    if (Object.keys(local).length > 0) {
      fieldErrors.value = local;
      return null;
    }
    const contact = { email: text(form.email), pec: text(form.pec), phone: text(form.phone) };
    return {
      procedure: form.procedure as OccProcedure,
      debtor:
        form.debtorKind === 'person'
          ? { kind: 'person', firstName: form.firstName.trim(), lastName: form.lastName.trim(), taxCode: form.taxCode.trim().toUpperCase(), ...contact }
          : { kind: 'company', companyName: form.companyName.trim(), vatNumber: form.vatNumber.trim(), taxCode: text(form.taxCode)?.toUpperCase(), ...contact },
      debtorCategory: form.debtorCategory as DebtorCategory,
      householdSize: Number.parseInt(String(form.householdSize), 10),
      annualNetIncomeCents: income!,
      disposableIncomeCents: disposable,
      previousDischarges: form.previousDischarge ? [{ date: form.previousDischarge, incapiente: form.previousDischargeIncapiente }] : [],
      subject: form.subject.trim(),
    };
  }

  async function submit(): Promise<{ caseId: string } | null> {
    const bodyId = session.activeBodyId;
    if (!bodyId || submitting.value) return null;
    error.value = null;
    fieldErrors.value = {};
    const body = request();
    if (!body) return null;
    submitting.value = true;
    try {
      const created = await createOccFile(bodyId, body, idempotencyKey);
      idempotencyKey = newIdempotencyKey();
      return created;
    } catch (e) {
      error.value = e;
      if (e instanceof ApiError) {
        const byPath: Record<string, string[]> = {};
        for (const f of e.fields) (byPath[f.path] ??= []).push(f.code);
        fieldErrors.value = byPath;
        // A refusal changed nothing: the next attempt is a new request.
        if (e.status >= 400 && e.status < 500) idempotencyKey = newIdempotencyKey();
      }
      return null;
    } finally {
      submitting.value = false;
    }
  }

  return { form, submitting, error, fieldErrors, submit };
}
