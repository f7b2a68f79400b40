import { permissions, roles, type Permission, type Role } from '@domain/access/roles';
import { computed, ref } from 'vue';
import { getRoleMapping, setRolePermissions } from '@/services/administration-api';
import { useSessionStore } from '@/stores/session';

export type Mapping = Record<Role, Permission[]>;

/** What saving a role would change: the permissions it gains and loses. */
export interface RoleChange {
  role: Role;
  granted: Permission[];
  revoked: Permission[];
}

/** Outcome of the last save: roles written, and the error answered for each role that was not. */
export interface SaveResult {
  saved: Role[];
  failed: Partial<Record<Role, unknown>>;
}

/** A mapping with every role of the domain, permissions in the domain's order, unknown codes dropped. */
function normalize(mapping: Partial<Record<string, readonly string[]>>): Mapping {
  const out = {} as Mapping;
  for (const role of roles) {
    const granted = new Set(mapping[role] ?? []);
    out[role] = permissions.filter((p) => granted.has(p));
  }
  return out;
}

function diff(role: Role, before: readonly Permission[], after: readonly Permission[]): RoleChange | null {
  const granted = after.filter((p) => !before.includes(p));
  const revoked = before.filter((p) => !after.includes(p));
  return granted.length || revoked.length ? { role, granted, revoked } : null;
}

/**
 * Editing the body's access levels: a draft on top of the saved mapping. Saving writes only the roles
 * whose permissions changed, one PUT each; a role the API refuses keeps its draft and its error.
 */
export function useAccessLevels() {
  const session = useSessionStore();
  const saved = ref<Mapping | null>(null);
  const draft = ref<Mapping | null>(null);
  const loading = ref(false);
  const loadError = ref<unknown>(null);
  const saving = ref(false);
  const roleErrors = ref<Partial<Record<Role, unknown>>>({});
  const result = ref<SaveResult | null>(null);

  const changes = computed<RoleChange[]>(() => {
    const before = saved.value;
    const after = draft.value;
    if (!before || !after) return [];
    return roles.map((role) => diff(role, before[role], after[role])).filter((c): c is RoleChange => c !== null);
  });

  const has = (role: Role, permission: Permission): boolean => draft.value?.[role].includes(permission) ?? false;
  const isPending = (role: Role, permission: Permission): boolean =>
    has(role, permission) !== (saved.value?.[role].includes(permission) ?? false);

  async function load(): Promise<void> {
    const bodyId = session.activeBodyId;
    if (!bodyId) return;
    loading.value = true;
    loadError.value = null;
    try {
      const answer = await getRoleMapping(bodyId);
      saved.value = normalize(answer.mapping);
      draft.value = normalize(answer.mapping);
    } catch (e) {
      loadError.value = e;
    } finally {
      loading.value = false;
    }
  }

  function toggle(role: Role, permission: Permission, granted: boolean): void {
    const current = draft.value;
    if (!current) return;
    const next = new Set(current[role]);
    if (granted) next.add(permission);
    else next.delete(permission);
    current[role] = permissions.filter((p) => next.has(p));
    // A new choice for the role deserves a new answer: the old error no longer describes it.
    const errors = { ...roleErrors.value };
    delete errors[role];
    roleErrors.value = errors;
  }

  function discard(): void {
    if (saved.value) draft.value = normalize(saved.value);
    roleErrors.value = {};
    result.value = null;
  }

  async function save(): Promise<SaveResult | null> {
    const bodyId = session.activeBodyId;
    const wanted = draft.value;
    const current = saved.value;
    const pending = changes.value;
    if (saving.value || !bodyId || !wanted || !current || pending.length === 0) return null;
    saving.value = true;
    result.value = null;
    const outcome: SaveResult = { saved: [], failed: {} };
    try {
      // One role after the other: each PUT is a whole, audited replacement, so a retry is harmless.
      for (const { role } of pending) {
        try {
          const answer = await setRolePermissions(bodyId, role, [...wanted[role]]);
          current[role] = normalize({ [role]: answer.permissions })[role];
          outcome.saved.push(role);
        } catch (e) {
          outcome.failed[role] = e;
        }
      }
      roleErrors.value = outcome.failed;
      // When a role of the user changed, the menu must follow the permissions it now has.
      const mine = session.activeBody?.roles ?? [];
      if (outcome.saved.some((role) => mine.includes(role))) await session.refreshSession();
      result.value = outcome;
      return outcome;
    } finally {
      saving.value = false;
    }
  }

  return { saved, draft, loading, loadError, saving, roleErrors, result, changes, has, isPending, load, toggle, discard, save };
}
