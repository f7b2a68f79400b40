import { filingSchema, type MatterCode, type MediationType } from '@domain/mediation/matters';
import { computed, reactive, ref } from 'vue';
import type { FileCaseRequest, FileCaseResponse, PartyRole } from '@/services/api-types';
import { fileCase } from '@/services/cases-api';
import { ApiError } from '@/services/http';
import { newIdempotencyKey } from '@/services/idempotency';
import { useSessionStore } from '@/stores/session';
import { parseEuroToCents } from './useFormat';

export interface PartyForm {
  key: number;
  role: PartyRole;
  kind: 'person' | 'company';
  firstName: string;
  lastName: string;
  taxCode: string;
  companyName: string;
  vatNumber: string;
  companyTaxCode: string;
  email: string;
  pec: string;
  phone: string;
  hasLawyer: boolean;
  lawyer: { firstName: string; lastName: string; taxCode: string; pec: string };
}

export interface CaseForm {
  /** One of the domain's mediationTypeCodes once chosen, '' before. */
  mediationType: string;
  matter: string;
  subject: string;
  facts: string;
  value: string;
  valueIndeterminable: boolean;
  parties: PartyForm[];
}

let partyKeys = 0;

export function createPartyForm(role: PartyRole): PartyForm {
  return {
    key: ++partyKeys,
    role,
    kind: 'person',
    firstName: '',
    lastName: '',
    taxCode: '',
    companyName: '',
    vatNumber: '',
    companyTaxCode: '',
    email: '',
    pec: '',
    phone: '',
    hasLawyer: false,
    lawyer: { firstName: '', lastName: '', taxCode: '', pec: '' },
  };
}

/** DOM id of the input that shows the API error with this path ("parties.0.person.taxCode"). */
export function fieldId(path: string): string {
  return `field-${path.replace(/\./g, '-')}`;
}

type PartyInput = FileCaseRequest['parties'][number];

const optional = (value: string): string | undefined => value.trim() || undefined;

/** The form's party as the filing body wants it; the API (and domain schema) normalizes codes. */
function toParty(form: PartyForm): PartyInput {
  const contacts = { email: optional(form.email), pec: optional(form.pec), phone: optional(form.phone) };
  const person: PartyInput['person'] =
    form.kind === 'person'
      ? { kind: 'person', firstName: form.firstName, lastName: form.lastName, taxCode: form.taxCode, ...contacts }
      : { kind: 'company', companyName: form.companyName, vatNumber: form.vatNumber, taxCode: optional(form.companyTaxCode), ...contacts };
  return form.hasLawyer ? { role: form.role, person, lawyer: { ...form.lawyer } } : { role: form.role, person };
}

/**
 * The same checks the API makes, run before sending (domain/mediation/matters.ts): codes and paths
 * are the API's, so both kinds of error show the same way. Issue messages carry the stable codes.
 */
function checkFiling(request: FileCaseRequest): Record<string, string> {
  const result = filingSchema.safeParse(request);
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.join('.');
    errors[path] ??= /^[A-Z][A-Z0-9_]+$/.test(issue.message) ? issue.message : issue.code.toUpperCase();
  }
  return errors;
}

/**
 * State and submission of the new-mediation form. One idempotency key per filing attempt: it is kept
 * when the outcome is unknown (network error, 5xx) so a re-submission can never file twice, and
 * dropped once the API has answered (success or a 4xx, which writes nothing).
 */
export function useCaseFiling() {
  const session = useSessionStore();
  const form = reactive<CaseForm>({
    mediationType: '',
    matter: '',
    subject: '',
    facts: '',
    value: '',
    valueIndeterminable: false,
    parties: [createPartyForm('applicant'), createPartyForm('invited')],
  });
  const submitting = ref(false);
  const error = ref<unknown>(null);
  const fieldErrors = ref<Record<string, string>>({});
  const pendingRetry = ref(false);
  let idempotencyKey: string | null = null;

  const valueCents = computed(() => (form.valueIndeterminable ? null : parseEuroToCents(form.value)));

  function addParty(): void {
    form.parties.push(createPartyForm('invited'));
  }

  function removeParty(index: number): void {
    form.parties.splice(index, 1);
    fieldErrors.value = {};
  }

  function toRequest(): FileCaseRequest {
    return {
      // Casts only narrow the types: the schema check below rejects an empty or unknown code.
      mediationType: form.mediationType as MediationType,
      matter: form.matter as MatterCode,
      subject: form.subject,
      facts: form.facts,
      // Absent (not null) when unknown: the schema reads a missing value as "not given".
      valueCents: valueCents.value ?? undefined,
      valueIndeterminable: form.valueIndeterminable,
      parties: form.parties.map(toParty),
    };
  }

  function localFieldErrors(request: FileCaseRequest): Record<string, string> {
    const errors = checkFiling(request);
    // An amount typed but unreadable is not "missing": say so instead of VALUE_REQUIRED.
    if (!form.valueIndeterminable && form.value.trim() && valueCents.value === null) errors.valueCents = 'INVALID_AMOUNT';
    return errors;
  }

  async function submit(): Promise<FileCaseResponse | null> {
    const bodyId = session.activeBodyId;
    if (submitting.value || !bodyId) return null;
    error.value = null;
    const request = toRequest();
    fieldErrors.value = localFieldErrors(request);
    if (Object.keys(fieldErrors.value).length > 0) return null;
    submitting.value = true;
    idempotencyKey ??= newIdempotencyKey();
    try {
      const result = await fileCase(bodyId, request, idempotencyKey);
      idempotencyKey = null;
      pendingRetry.value = false;
      return result;
    } catch (e) {
      error.value = e;
      const outcomeUnknown = !(e instanceof ApiError) || e.isNetworkError || e.status >= 500;
      if (!outcomeUnknown) idempotencyKey = null;
      pendingRetry.value = outcomeUnknown;
      if (e instanceof ApiError) {
        fieldErrors.value = Object.fromEntries(e.fields.map((f) => [f.path, f.code]));
      }
      return null;
    } finally {
      submitting.value = false;
    }
  }

  return { form, submitting, error, fieldErrors, pendingRetry, addParty, removeParty, submit };
}
