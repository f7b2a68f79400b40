import { computed, ref } from 'vue';
import type { SignerRole } from '@domain/signature/cycle';
import { defaultBox, minutesGroup, stepsFromGroups } from '@domain/signature/cycle-plan';
import type { CycleRequestBody, SignerCandidate } from '@/services/signature-cycles-api';

/** A signer row of the form: strings as typed (numbers are read on submit). */
export interface PlanRow {
  id: string;
  source: 'candidate' | 'manual';
  givenName: string;
  surname: string;
  taxCode: string;
  email: string;
  phone: string;
  /** A SignerRole (a string for the select field). */
  role: string;
  group: string;
  page: string;
  x: string;
  y: string;
  width: string;
  height: string;
}

const int = (s: string) => (/^\s*\d+\s*$/.test(s) ? Number(s) : Number.NaN);

/** The signers being planned for a cycle: from the case's candidates (checkboxes) or added by hand. */
export function useCyclePlan() {
  const rows = ref<PlanRow[]>([]);
  let manual = 0;

  function boxFields(index: number) {
    const b = defaultBox(index);
    return { page: String(b.page), x: String(b.x), y: String(b.y), width: String(b.width), height: String(b.height) };
  }

  function fromCandidate(c: SignerCandidate, group: number): PlanRow {
    return {
      id: c.key,
      source: 'candidate',
      givenName: c.givenName ?? '',
      surname: c.surname ?? (c.givenName ? '' : c.fullName),
      taxCode: c.taxCode ?? '',
      email: c.email ?? '',
      phone: c.phone ?? '',
      role: c.role,
      group: String(group),
      ...boxFields(rows.value.length),
    };
  }

  const selected = computed(() => new Set(rows.value.map((r) => r.id)));

  function toggleCandidate(c: SignerCandidate, on: boolean): void {
    if (on && !selected.value.has(c.key)) rows.value.push(fromCandidate(c, 1));
    if (!on) rows.value = rows.value.filter((r) => r.id !== c.key);
  }

  function addManual(): PlanRow {
    const row: PlanRow = { id: `s${++manual}`, source: 'manual', givenName: '', surname: '', taxCode: '', email: '', phone: '', role: 'other', group: '1', ...boxFields(rows.value.length) };
    rows.value.push(row);
    return row;
  }

  function remove(id: string): void {
    rows.value = rows.value.filter((r) => r.id !== id);
  }

  /** Art. 8-bis minutes: every complete candidate, parties and lawyers in parallel, the mediator last. */
  function presetMinutes(candidates: SignerCandidate[]): void {
    rows.value = [];
    for (const c of candidates.filter((x) => x.complete)) rows.value.push(fromCandidate(c, minutesGroup(c.role)));
  }

  function signersAndSteps(): Pick<CycleRequestBody, 'signers' | 'steps'> {
    const signers = rows.value.map((r) => ({
      id: r.id,
      givenName: r.givenName.trim(),
      surname: r.surname.trim(),
      taxCode: r.taxCode.trim(),
      email: r.email.trim(),
      phone: r.phone.trim() || null,
      role: r.role as SignerRole,
      box: { page: int(r.page), x: int(r.x), y: int(r.y), width: int(r.width), height: int(r.height) },
    }));
    const steps = stepsFromGroups(rows.value.map((r) => ({ id: r.id, group: Number.isNaN(int(r.group)) ? 1 : int(r.group) })));
    return { signers, steps };
  }

  /** Rows whose group is not a positive whole number (checked before asking the API). */
  const badGroups = computed(() => rows.value.filter((r) => !(int(r.group) >= 1)).map((r) => r.id));

  return { rows, selected, toggleCandidate, addManual, remove, presetMinutes, signersAndSteps, badGroups };
}
