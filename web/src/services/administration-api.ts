import type { Permission, RegistryList, Role, RoleMapping, RolePermissions } from './api-types';
import { bodyPath, queryString, request } from './http';

export interface RegistryQuery {
  q?: string;
  limit?: number;
  offset?: number;
}

/** The body's role→permission mapping (needs roles.manage). */
export function getRoleMapping(bodyId: string): Promise<RoleMapping> {
  return request<RoleMapping>('GET', bodyPath(bodyId, '/roles'));
}

/** Replaces what a role may do in the body; audited by the API. */
export function setRolePermissions(bodyId: string, role: Role, permissions: Permission[]): Promise<RolePermissions> {
  return request<RolePermissions>('PUT', bodyPath(bodyId, `/roles/${encodeURIComponent(role)}/permissions`), {
    body: { permissions },
  });
}

/** Persons and companies of the body, by name, tax code or VAT number (needs registry.read). */
export function searchRegistry(bodyId: string, query: RegistryQuery): Promise<RegistryList> {
  return request<RegistryList>('GET', bodyPath(bodyId, `/registry${queryString({ ...query })}`));
}
