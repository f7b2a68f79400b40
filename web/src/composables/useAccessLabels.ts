import type { Permission, Role } from '@domain/access/roles';
import { useI18n } from 'vue-i18n';

/** Labels of the body's roles and permissions (domain/access/roles.ts), in the UI language. */
export function useAccessLabels() {
  const { t, te, locale } = useI18n();
  const text = (key: string, fallback: string): string => (te(key) ? t(key) : fallback);

  const roleLabel = (role: Role): string => text(`userRoles.${role}`, role);
  const permissionLabel = (permission: Permission): string => text(`permissions.${permission}.label`, permission);
  const permissionDescription = (permission: Permission): string => text(`permissions.${permission}.description`, '');
  const permissionAction = (permission: Permission): string => text(`permissions.${permission}.action`, permission);

  /** "Segreteria, Revisore e Parte": a list joined the way the UI language writes it. */
  function joinList(items: string[]): string {
    return new Intl.ListFormat(locale.value, { style: 'long', type: 'conjunction' }).format(items);
  }

  return { roleLabel, permissionLabel, permissionDescription, permissionAction, joinList };
}
